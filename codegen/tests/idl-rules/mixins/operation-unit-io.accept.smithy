$version: "2"
namespace smithy.example

@mixin
operation Validated {
    errors: [ValidationError]
}

@error("client")
structure ValidationError {}

operation Ping with [Validated] {}
