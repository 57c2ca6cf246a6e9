// refused at 16:1: Missing required structure member `name`
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

@label(colour: "red")
string Thing
