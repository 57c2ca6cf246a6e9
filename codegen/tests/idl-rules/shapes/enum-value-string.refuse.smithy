// refused at 6:12: smithy.example#Suit$CLUB: enum members require string values,
$version: "2"
namespace smithy.example

enum Suit {
    CLUB = 1
}
