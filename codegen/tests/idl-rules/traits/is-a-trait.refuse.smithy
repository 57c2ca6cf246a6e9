// refused at 7:1: `smithy.example#audited` is applied as a trait, but its shape is not
$version: "2"
namespace smithy.example

structure audited {}

@audited
string Note
