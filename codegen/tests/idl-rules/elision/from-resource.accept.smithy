$version: "2"
namespace smithy.example

resource User {
    identifiers: { name: String }
    properties: { age: Short }
}

structure UserSummary for User {
    $name
    $age
}
