// refused at 5:7: Expected SPACE
$version: "2"
namespace smithy.example

string
Name
