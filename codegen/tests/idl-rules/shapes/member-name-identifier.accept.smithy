$version: "2"
namespace smithy.example

structure Pair {
    _left: String
}
