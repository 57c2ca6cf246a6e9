$version: "2"
namespace smithy.example

@trait
structure audited {}

@audited
string Note
