$version: "2"
namespace smithy.example

operation Ping {
    input: Unit
    output: Unit
    errors: []
}
