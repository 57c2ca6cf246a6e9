$version: "2"
namespace smithy.example

@timestampFormat("epoch-seconds")
timestamp When
