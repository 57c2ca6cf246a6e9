$version: "2"
namespace smithy.example

resource User {
    identifiers: { uuid: String }
}

@mixin
structure UserIdentifiers {
    uuid: String
}

structure UserSummary for User with [UserIdentifiers] {
    $uuid
}
