// refused at 6:1: Conflicting `smithy.api#since` trait: given again with another value
$version: "2"
namespace smithy.example

@since("1")
@since("2")
string Name
