$version: "2"
namespace smithy.example

@length(min: 1,,, max: 2,)
string Name

structure Pair {
    a: String,, b: String,
}
