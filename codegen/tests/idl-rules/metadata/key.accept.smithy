$version: "2"
metadata "quoted key" = 1
metadata plain = 2
namespace smithy.example
