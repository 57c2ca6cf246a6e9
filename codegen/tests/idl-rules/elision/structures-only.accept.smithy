$version: "2"
namespace smithy.example

resource User {
    identifiers: { name: String }
}

structure UserSummary for User {
    $name
}
