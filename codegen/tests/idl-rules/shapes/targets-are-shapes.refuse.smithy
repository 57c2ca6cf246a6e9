// refused at 10:5: `smithy.example#Other$left` targets `smithy.example#Pair$left`, a
$version: "2"
namespace smithy.example

structure Pair {
    left: String
}

structure Other {
    left: Pair$left
}
