// refused at 5:23: Expected IDENTIFIER
$version: "2"
namespace smithy.example

@tags([smithy.example#])
string Name
