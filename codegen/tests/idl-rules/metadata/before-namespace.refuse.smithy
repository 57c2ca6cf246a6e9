// refused at 5:1: Unknown shape type: metadata
$version: "2"
namespace smithy.example

metadata greeting = "hello"
