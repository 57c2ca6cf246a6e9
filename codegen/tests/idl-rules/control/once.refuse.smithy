// refused at 3:11: Duplicate control statement `version`
$version: "2"
$version: "2"
namespace smithy.example
