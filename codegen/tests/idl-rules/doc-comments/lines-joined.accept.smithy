$version: "2"
namespace smithy.example

/// First line.
///
///   Indented.
string Name
