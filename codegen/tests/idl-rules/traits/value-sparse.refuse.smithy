// refused at 5:1: Error creating trait `smithy.api#tags`: A null at `1` in a collection
$version: "2"
namespace smithy.example

@tags(["a", null])
string Name
