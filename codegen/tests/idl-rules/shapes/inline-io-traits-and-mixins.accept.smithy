$version: "2"
namespace smithy.example

@mixin
structure Paged {
    nextToken: String
}

operation List {
    input := @sensitive with [Paged] {}
}
