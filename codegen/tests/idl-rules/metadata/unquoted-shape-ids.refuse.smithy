// refused at 3:19: Syntactic shape ID `Thing` does not resolve to a valid shape ID
$version: "2"
metadata kinds = [Thing]
namespace smithy.example

string Thing
