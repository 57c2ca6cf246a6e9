// refused at 5:1: The @default trait can be set to null only on members
$version: "2"
namespace smithy.example

@default(null)
integer Count
