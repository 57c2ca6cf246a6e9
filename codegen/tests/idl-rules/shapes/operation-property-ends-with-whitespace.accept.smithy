$version: "2"
namespace smithy.example

operation Ping { input: Unit }
