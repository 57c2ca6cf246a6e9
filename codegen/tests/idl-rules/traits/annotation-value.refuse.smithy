// refused at 6:8: Expected RPAREN(')')
$version: "2"
namespace smithy.example

@sensitive(
string Note
