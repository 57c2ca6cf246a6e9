// refused at 6:5: Expected IDENTIFIER
$version: "2"
namespace smithy.example

structure Pair {
    "left": String
}
