// refused at 5:28: Expected one or more whitespace characters,
$version: "2"
namespace smithy.example

operation Ping {input: Unit}
