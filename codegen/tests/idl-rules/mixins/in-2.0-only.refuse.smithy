// refused at 5:17: Mixins can only be used with Smithy version 2 or later
$version: "1.0"
namespace smithy.example

structure Thing with [Base] {}
