// refused at 5:1: Error creating trait `smithy.api#tags`: Expected string value for stri
$version: "2"
namespace smithy.example

@tags(["a", 2])
string Name
