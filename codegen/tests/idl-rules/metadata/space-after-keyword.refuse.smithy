// refused at 3:9: Expected SPACE
$version: "2"
metadata"glued" = true
namespace smithy.example
