$version: "2"
namespace smithy.example

@mixin
structure Greeting {
    greeting: String
}

structure Hello with [Greeting] {}
