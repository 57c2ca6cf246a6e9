// refused at 10:11: Shape `smithy.example#GetThingRequest` is defined twice
$version: "2"
$operationInputSuffix: "Request"
namespace smithy.example

operation GetThing {
    input := {}
}

structure GetThingRequest {}
