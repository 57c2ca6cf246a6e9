$version: "2"
namespace smithy.example

@documentation("a	b\u0001c")
string Name
