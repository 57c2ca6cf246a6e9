$version: "2"
namespace smithy.example

@trait
structure audited {}

@audited
@aws.api#data("content")
string Note
