// refused at 9:1: Expected RBRACE('}')
$version: "2"
namespace smithy.example

string Name

apply Name {
    @sensitive
