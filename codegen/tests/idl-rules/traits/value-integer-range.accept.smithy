$version: "2"
namespace smithy.example

@length(min: 0, max: 9223372036854775807)
string Name
