$version: "2"
namespace smithy.example

@mixin
string Base

string Name with [
    Base
]
