$version: "2"
namespace smithy.example

@mixin
@pattern("^[a-z]+$")
string Lower

string Name with [Lower]
