$version: "2"
namespace smithy.example

enum Suit {
    CLUB
    HEART = "heart"
}
