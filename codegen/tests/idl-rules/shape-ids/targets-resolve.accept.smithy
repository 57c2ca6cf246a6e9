$version: "2"
namespace smithy.example

operation Ping {
    input: PingInput
    errors: [smithy.framework#ValidationException]
}

structure PingInput {}
