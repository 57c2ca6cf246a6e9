$version: "2"
namespace smithy.example

@tags(["a", "b"])
string Name
