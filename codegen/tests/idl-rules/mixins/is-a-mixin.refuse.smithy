// refused at 7:11: `smithy.example#Thing` mixes in `smithy.example#Base`, which is not
$version: "2"
namespace smithy.example

structure Base {}

structure Thing with [Base] {}
