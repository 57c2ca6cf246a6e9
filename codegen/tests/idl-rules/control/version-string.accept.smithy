$version: "2.0"
namespace smithy.example
