// refused at 5:10: Expected a valid identifier character,
$version: "2"
namespace smithy.example

string __
