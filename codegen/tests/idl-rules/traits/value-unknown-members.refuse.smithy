// refused at 11:1: Invalid union member `middle` found for `smithy.example#either`
$version: "2"
namespace smithy.example

@trait
union either {
    left: String
    right: Integer
}

@either(middle: "a")
string Name
