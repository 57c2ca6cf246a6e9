$version: "2"
namespace smithy.example

@since("1.0")
string Name
