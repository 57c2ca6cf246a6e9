// refused at 11:5: smithy.example#Thing$id: Member conflicts with an inherited mixin
$version: "2"
namespace smithy.example

@mixin
structure Base {
    id: String
}

structure Thing with [Base] {
    id: Integer
}
