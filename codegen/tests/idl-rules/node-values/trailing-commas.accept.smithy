$version: "2"
metadata m = { a: [1, 2,], }
namespace smithy.example
