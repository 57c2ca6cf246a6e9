// refused at 12:18: Trait `smithy.api#required` applied to unknown shape
$version: "2"
namespace smithy.example

@mixin
structure Base {
    id: String
}

structure Thing with [Base] {}

apply Thing$name @required
