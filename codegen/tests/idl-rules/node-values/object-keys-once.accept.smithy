$version: "2"
metadata m = { a: 1, b: 2 }
namespace smithy.example
