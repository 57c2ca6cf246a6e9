// refused at 5:6: smithy.example#Suit: enum shapes must have at least one member
$version: "2"
namespace smithy.example

enum Suit {}
