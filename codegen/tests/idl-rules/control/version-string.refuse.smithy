// refused at 2:11: The $version control statement must have a string value,
$version: 2
namespace smithy.example
