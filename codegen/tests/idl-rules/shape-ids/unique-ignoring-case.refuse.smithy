// refused at 6:8: Shape id `smithy.example#NAME` conflicts with `smithy.example#Name`
$version: "2"
namespace smithy.example

string Name
string NAME
