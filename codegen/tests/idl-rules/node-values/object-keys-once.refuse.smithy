// refused at 3:22: Duplicate member of object
$version: "2"
metadata m = { a: 1, "a": 2 }
namespace smithy.example
