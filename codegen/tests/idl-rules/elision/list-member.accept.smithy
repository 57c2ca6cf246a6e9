$version: "2"
namespace smithy.example

@mixin
list Base {
    member: String
}

list Names with [Base] {
    @length(min: 1)
    $member
}
