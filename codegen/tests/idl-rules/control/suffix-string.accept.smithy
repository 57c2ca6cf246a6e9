$version: "2"
$operationInputSuffix: "Request"
$operationOutputSuffix: "Response"
namespace smithy.example

operation GetThing {
    input := {}
    output := {}
}
