// refused at 5:15: Syntactic shape ID `Nothing` does not resolve to a valid shape ID
$version: "2"
namespace smithy.example

@tags([Thing, Nothing])
structure Thing {
    name: String
}
