// refused at 4:10: metadata `owner` is set again, differently
$version: "2"
metadata owner = "x"
metadata owner = "y"
namespace smithy.example
