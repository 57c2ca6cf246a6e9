// refused at 5:1: Unknown shape type: decimal
$version: "2"
namespace smithy.example

decimal Amount
