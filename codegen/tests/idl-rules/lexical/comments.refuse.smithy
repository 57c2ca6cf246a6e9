// refused at 5:1: Unexpected character: '/'
$version: "2"
namespace smithy.example

/ not a comment
string Name
