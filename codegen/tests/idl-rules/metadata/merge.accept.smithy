$version: "2"
metadata tags = ["a"]
metadata tags = ["b"]
metadata owner = "x"
metadata owner = "x"
namespace smithy.example
