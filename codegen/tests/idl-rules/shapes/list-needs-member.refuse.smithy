// refused at 5:6: Missing required members of shape `smithy.example#Names`: member
$version: "2"
namespace smithy.example

list Names {}
