$version: "2"
namespace smithy.example

@mixin
structure Named {
    @required
    name: String
}

@trait
structure label with [Named] {
    colour: String
}

@label(name: "x", colour: "red")
string Thing
