// refused at 5:16: Error parsing quoted string: Invalid escape found in string
$version: "2"
namespace smithy.example

@documentation("a \q")
string Name
