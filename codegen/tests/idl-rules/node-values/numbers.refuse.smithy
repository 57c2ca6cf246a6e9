// refused at 5:13: Invalid number '01'
$version: "2"
namespace smithy.example

@range(min: 01)
integer Small
