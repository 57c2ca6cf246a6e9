$version: "2"
namespace smithy.example

@length(min: 1, "max": 10)
string Name
