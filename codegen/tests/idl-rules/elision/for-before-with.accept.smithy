$version: "2"
namespace smithy.example

resource User {
    identifiers: { name: String }
}

@mixin
structure Base {}

structure UserSummary for User with [Base] {
    $name
}
