// refused at 10:6: smithy.example#UserSummary$uuid: Member target was elided, but no
$version: "2"
namespace smithy.example

resource User {
    identifiers: { name: String }
}

structure UserSummary for User {
    $uuid
}
