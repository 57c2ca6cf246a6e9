$version: "2"
namespace smithy.example

@trait
union either {
    left: String
    right: Integer
}

@either(left: "a")
string Name
