$version: "2"
namespace smithy.example

union Choice {
    number: Integer
    text: String
}
