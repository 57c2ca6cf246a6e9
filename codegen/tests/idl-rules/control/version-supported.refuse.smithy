// refused at 2:16: Unsupported Smithy version number: 2.1
$version: "2.1"
namespace smithy.example
