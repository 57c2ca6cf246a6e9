// refused at 8:7: Conflicting `smithy.api#since` trait: given again with another value
$version: "2"
namespace smithy.example

@since("1")
string Name

apply Name @since("2")
