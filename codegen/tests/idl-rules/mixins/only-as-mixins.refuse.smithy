// refused at 11:5: `smithy.example#Invalid$notValid` targets `smithy.example#Greeting`
$version: "2"
namespace smithy.example

@mixin
structure Greeting {
    greeting: String
}

structure Invalid {
    notValid: Greeting
}
