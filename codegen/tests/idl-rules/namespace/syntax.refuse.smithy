// refused at 3:18: Expected IDENTIFIER
$version: "2"
namespace smithy..example
