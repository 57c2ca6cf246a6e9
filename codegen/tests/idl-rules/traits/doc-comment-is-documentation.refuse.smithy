// refused at 6:1: Conflicting `smithy.api#documentation` trait: given again with
$version: "2"
namespace smithy.example

/// Names a thing.
@documentation("Something else.")
string Name
