$version: "2"
metadata m = [true, false, null]
namespace smithy.example
