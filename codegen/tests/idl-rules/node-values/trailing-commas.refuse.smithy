// refused at 3:28: Expected one of RBRACE('}'), STRING('"'), IDENTIFIER
$version: "2"
metadata m = { a: [1, 2,], ]
namespace smithy.example
