// refused at 4:1: Expected a namespace definition
$version: "2"
metadata m = 1
$operationInputSuffix: "Request"
namespace smithy.example
