// refused at 5:1: Error creating trait `smithy.api#length`: long value must be within [-
$version: "2"
namespace smithy.example

@length(min: 0, max: 9223372036854775808)
string Name
