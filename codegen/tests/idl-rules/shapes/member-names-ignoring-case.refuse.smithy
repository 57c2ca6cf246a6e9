// refused at 7:5: Member `Left` of `smithy.example#Pair` conflicts with member `left`
$version: "2"
namespace smithy.example

structure Pair {
    left: String
    Left: String
}
