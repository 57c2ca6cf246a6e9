// refused at 5:16: Error parsing quoted string: Invalid unicode escape character
$version: "2"
namespace smithy.example

@documentation("\u00G9")
string Name
