$version: "2"
namespace smithy.example

@trait
@sparse
list maybe {
    member: String
}

@maybe(["a", null])
string Name
