// refused at 8:1: Traits applied to apply statement
$version: "2"
namespace smithy.example

string Name

@since("1")
apply Name @sensitive
