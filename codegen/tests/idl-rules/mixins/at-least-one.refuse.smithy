// refused at 5:20: Expected IDENTIFIER
$version: "2"
namespace smithy.example

string Thing with []
