// refused at 6:11: Inlined operation inputs and outputs can only be used with Smithy
$version: "1.0"
namespace smithy.example

operation Ping {
    input := {}
}
