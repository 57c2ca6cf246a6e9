$version: "2"
namespace smithy.example

structure Pair {
    left: String
}

structure Other {
    pair: Pair
}
