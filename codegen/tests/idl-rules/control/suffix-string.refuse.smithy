// refused at 3:25: The $operationOutputSuffix control statement must have a string
$version: "2"
$operationOutputSuffix: ["Response"]
namespace smithy.example
