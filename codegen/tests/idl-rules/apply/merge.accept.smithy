$version: "2"
namespace smithy.example

@tags(["a"])
string Name

apply Name @tags(["b"])
