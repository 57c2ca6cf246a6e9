$version: "2"
$operationInputSuffix: "Request"
namespace smithy.example
