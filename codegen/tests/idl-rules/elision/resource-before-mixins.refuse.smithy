// refused at 15:6: smithy.example#UserSummary$uuid: Member conflicts with an inherited
$version: "2"
namespace smithy.example

resource User {
    identifiers: { uuid: String }
}

@mixin
structure UserIdentifiers {
    uuid: Blob
}

structure UserSummary for User with [UserIdentifiers] {
    $uuid
}
