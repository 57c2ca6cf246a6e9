$version: "2"
namespace smithy.example

@sensitive
string Secret
