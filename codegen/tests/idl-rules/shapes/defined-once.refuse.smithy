// refused at 6:9: Shape `smithy.example#Name` is defined twice
$version: "2"
namespace smithy.example

string Name
integer Name
