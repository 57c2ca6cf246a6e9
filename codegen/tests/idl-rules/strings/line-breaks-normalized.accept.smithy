$version: "2"
namespace smithy.example

@documentation("a
b")
string Name
