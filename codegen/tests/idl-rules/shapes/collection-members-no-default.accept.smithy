$version: "2"
namespace smithy.example

list Numbers {
    member: Integer
}
