// refused at 11:27: Expected LBRACE('{')
$version: "2"
namespace smithy.example

@mixin
structure Paged {
    nextToken: String
}

operation List {
    input := with [Paged] @sensitive {}
}
