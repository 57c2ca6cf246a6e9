// refused at 5:1: Error creating trait `smithy.api#timestampFormat`: "iso" is not a valu
$version: "2"
namespace smithy.example

@timestampFormat("iso")
timestamp When
