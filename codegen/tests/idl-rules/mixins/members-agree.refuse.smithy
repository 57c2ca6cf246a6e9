// refused at 15:11: Member conflicts with an inherited mixin member
$version: "2"
namespace smithy.example

@mixin
structure A1 {
    a: String
}

@mixin
structure A2 {
    a: Integer
}

structure Invalid with [A1, A2] {}
