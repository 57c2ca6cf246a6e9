// refused at 11:6: smithy.example#Thing$name: Member target was elided, but no bound
$version: "2"
namespace smithy.example

@mixin
structure Base {
    id: String
}

structure Thing with [Base] {
    $name
}
