// refused at 11:5: Member `ID` of `smithy.example#Thing` conflicts with member `id`
$version: "2"
namespace smithy.example

@mixin
structure Base {
    id: String
}

structure Thing with [Base] {
    ID: String
}
