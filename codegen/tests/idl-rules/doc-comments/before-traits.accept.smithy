$version: "2"
namespace smithy.example

/// Documented.
@since("1")
string Name

@since("1")
/// Not documentation: after a trait.
string Other
