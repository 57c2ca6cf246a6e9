$version: "2"
namespace smithy.example

@tags([Name, "Name"])
string Name
