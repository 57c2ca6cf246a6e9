$version: "2"
namespace smithy.example

structure Pair {
    left: String
}

apply Pair$left @required
apply Pair @documentation("A pair.")
