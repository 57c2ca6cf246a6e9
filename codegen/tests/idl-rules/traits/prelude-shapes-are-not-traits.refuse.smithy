// refused at 5:1: `smithy.api#String` is applied as a trait, but its shape is not marked
$version: "2"
namespace smithy.example

@String
string Secret
