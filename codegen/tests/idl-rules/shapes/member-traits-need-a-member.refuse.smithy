// refused at 9:1: Expected IDENTIFIER but found RBRACE
$version: "2"
namespace smithy.example

structure Pair {
    left: String

    @required
}
