$version: "2"
namespace smithy.example

operation Ping {
    errors: [Unavailable, smithy.framework#ValidationException]
}

@error("server")
structure Unavailable {}
