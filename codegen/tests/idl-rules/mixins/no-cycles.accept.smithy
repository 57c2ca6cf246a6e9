$version: "2"
namespace smithy.example

@mixin
structure A {}

@mixin
structure B with [A] {}

structure C with [B] {}
