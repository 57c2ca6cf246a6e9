$version: "2"
namespace smithy.example

@mixin
structure Base {}

structure Thing with [Base] {}
