// refused at 5:1: Error creating trait `smithy.api#since`: Expected string value for str
$version: "2"
namespace smithy.example

@since(1.0)
string Name
