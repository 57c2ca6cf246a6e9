$version: "2"
namespace smithy.example

string Name

apply Name @since("1")
