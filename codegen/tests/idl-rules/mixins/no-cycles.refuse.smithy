// refused at 6:11: Mixins MUST NOT form a cycle, and `smithy.example#A`'s do
$version: "2"
namespace smithy.example

@mixin
structure A with [B] {}

@mixin
structure B with [A] {}
