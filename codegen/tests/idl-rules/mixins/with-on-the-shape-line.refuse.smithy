// refused at 9:5: Unknown shape type: with
$version: "2"
namespace smithy.example

@mixin
string Base

string Name
    with [Base]
