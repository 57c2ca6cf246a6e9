$version: "2"
namespace smithy.example

list Names {
    member: String
}

map Counts {
    key: String
    value: Integer
}

apply Names$member @length(min: 1)
apply Counts$value @range(min: 0)
