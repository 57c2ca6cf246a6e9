// refused at 5:1: Unable to resolve trait `smithy.example#data`. If this is a custom
$version: "2"
namespace smithy.example

@data("content")
string Note
