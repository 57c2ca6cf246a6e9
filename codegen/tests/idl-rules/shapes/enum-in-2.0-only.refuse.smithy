// refused at 5:1: enum shapes can only be used with Smithy version 2 or later
$version: "1.0"
namespace smithy.example

enum Suit {
    CLUB
}
