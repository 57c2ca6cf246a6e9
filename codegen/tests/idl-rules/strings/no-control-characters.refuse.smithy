// refused at 5:16: Invalid string character
$version: "2"
namespace smithy.example

@documentation("ab")
string Name
