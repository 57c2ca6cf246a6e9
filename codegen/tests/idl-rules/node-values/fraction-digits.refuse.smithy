// refused at 5:13: Invalid number '1.': '.' must be followed by a digit
$version: "2"
namespace smithy.example

@range(min: 1.)
integer Small
