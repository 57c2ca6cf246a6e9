$version: "2"
namespace smithy.example

structure Pair {
    @required
    left: String
    /// Nothing follows this comment.
}

enum Level {
    LOW
    /// Nor this one.
}

list Names {
    member: String
    /// Nor this one.
}
