$version: "2"
// a comment
namespace smithy.example
// between statements
string Name // after a statement
