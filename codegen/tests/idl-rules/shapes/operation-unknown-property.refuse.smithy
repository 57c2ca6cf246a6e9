// refused at 6:5: Unexpected operation property `error`: expected input, output or
$version: "2"
namespace smithy.example

operation Ping {
    error: Unit
}
