// refused at 11:1: Error creating trait `smithy.example#either`: A union value has exactl
$version: "2"
namespace smithy.example

@trait
union either {
    left: String
    right: Integer
}

@either(left: "a", right: 1)
string Name
