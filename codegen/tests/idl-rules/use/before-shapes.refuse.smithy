// refused at 6:1: Unknown shape type: use
$version: "2"
namespace smithy.example

string Name
use smithy.other#Thing
