// refused at 7:12: Mixins can only be used in Smithy 2.0 or later
$version: "1.0"
namespace smithy.example

structure Base {}

apply Base @mixin
