$version: "1.0"
namespace smithy.example
