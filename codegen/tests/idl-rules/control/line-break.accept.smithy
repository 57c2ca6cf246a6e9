$version: "2"
$operationInputSuffix: "Request" // comment
namespace smithy.example
