// refused at 6:1: Conflicting `smithy.api#documentation` trait: given again with another
$version: "2"
namespace smithy.example

/// Names a thing.
@documentation("Something else.")
string Name
