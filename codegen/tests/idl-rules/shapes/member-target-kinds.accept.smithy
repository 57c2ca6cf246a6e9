$version: "2"
namespace smithy.example

structure Pair {
    left: Other
}

structure Other {}
