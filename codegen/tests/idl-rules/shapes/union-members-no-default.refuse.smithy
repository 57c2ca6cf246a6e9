// refused at 6:21: Expected IDENTIFIER
$version: "2"
namespace smithy.example

union Choice {
    number: Integer = 1
}
