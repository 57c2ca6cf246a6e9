$version: "2"
namespace smithy.example

operation Ping {
    input: PingInput
    output: Unit
}

@input
structure PingInput {}
