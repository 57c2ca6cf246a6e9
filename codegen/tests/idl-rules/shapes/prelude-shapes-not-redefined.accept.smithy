$version: "2"
namespace smithy.example

structure String {
    value: smithy.api#String
}
