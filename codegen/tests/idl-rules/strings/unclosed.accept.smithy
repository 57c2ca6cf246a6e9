$version: "2"
namespace smithy.example

@documentation("spans
lines")
string Name
