$version: "2"
namespace smithy.example

list Names {
    @length(min: 1)
    member: String
}
