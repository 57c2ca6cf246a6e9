// refused at 9:17: Trait `smithy.api#length` applied to unknown shape
$version: "2"
namespace smithy.example

list Names {
    member: String
}

apply Names$key @length(min: 1)
