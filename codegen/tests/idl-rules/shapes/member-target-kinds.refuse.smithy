// refused at 6:5: where it must name a simple or aggregate shape that is not a trait
$version: "2"
namespace smithy.example

structure Pair {
    left: Ping
}

operation Ping {}
