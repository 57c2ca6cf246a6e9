// refused at 5:17: Duplicate member of object
$version: "2"
namespace smithy.example

@length(min: 1, min: 10)
string Name
