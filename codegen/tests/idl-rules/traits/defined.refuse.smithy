// refused at 5:1: Unable to resolve trait `smithy.example#audited`. If this is a
$version: "2"
namespace smithy.example

@audited
string Note
