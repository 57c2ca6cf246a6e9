// refused at 7:5: Duplicate operation input property for `smithy.example#Ping`
$version: "2"
namespace smithy.example

operation Ping {
    input: Unit
    input: Unit
}
