// refused at 6:8: Shape name `Thing` conflicts with imported shape
$version: "2"
namespace smithy.example
use smithy.other#Thing

string Thing
