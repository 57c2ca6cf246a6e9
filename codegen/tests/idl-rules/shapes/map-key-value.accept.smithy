$version: "2"
namespace smithy.example

map Counts {
    key: String
    value: Integer
}
