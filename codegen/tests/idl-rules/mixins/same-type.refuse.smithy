// refused at 10:11: Mixins may only be mixed into shapes of the same type
$version: "2"
namespace smithy.example

@mixin
union Base {
    a: String
}

structure Thing with [Base] {}
