// refused at 5:13: Expected NEWLINE
$version: "2"
namespace smithy.example

string Name string Other
