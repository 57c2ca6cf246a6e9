// refused at 3:34: Expected NEWLINE
$version: "2"
$operationInputSuffix: "Request" $operationOutputSuffix: "Response"
namespace smithy.example
