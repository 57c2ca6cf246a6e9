$version: "2"
namespace smithy.example

structure Pair {
    @required
    left: String
}
