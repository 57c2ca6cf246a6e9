// refused at 9:23: Structures bound to resources (`for`) can only be used with Smithy
$version: "1.0"
namespace smithy.example

resource User {
    identifiers: { name: String }
}

structure UserSummary for User {
    name: String
}
