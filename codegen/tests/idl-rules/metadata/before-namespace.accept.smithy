$version: "2"
metadata greeting = "hello"
namespace smithy.example
