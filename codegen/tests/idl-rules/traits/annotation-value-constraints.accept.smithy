$version: "2"
namespace smithy.example

@tags
string Name
