$version: "2"
$operationInputSuffix: "Request"
metadata m = 1
namespace smithy.example
