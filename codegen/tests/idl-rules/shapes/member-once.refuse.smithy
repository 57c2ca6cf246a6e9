// refused at 7:5: Found conflicting member name, `left`: a duplicate member of
$version: "2"
namespace smithy.example

structure Pair {
    left: String
    left: Integer
}
