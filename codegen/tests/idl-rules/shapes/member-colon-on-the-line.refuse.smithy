// refused at 6:9: Expected COLON(':')
$version: "2"
namespace smithy.example

structure Pair {
    left
        : String
}
