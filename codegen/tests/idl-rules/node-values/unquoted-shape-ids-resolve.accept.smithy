$version: "2"
namespace smithy.example

@tags([Thing, Thing$name, smithy.api#String, String])
structure Thing {
    name: String
}
