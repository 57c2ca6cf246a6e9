// refused at 7:12: Trait `smithy.api#since` applied to unknown shape
$version: "2"
namespace smithy.example

string Name

apply Nmae @since("1")
