$version: "2"
namespace smithy.example

@documentation("\u00E9")
string Name
