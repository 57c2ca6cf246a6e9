// refused at 5:16: Text block is empty
$version: "2"
namespace smithy.example

@documentation("""""")
string Name
