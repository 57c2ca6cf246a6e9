$version: "2"
namespace smithy.example

/// Names a thing.
@documentation("Names a thing.")
string Name
