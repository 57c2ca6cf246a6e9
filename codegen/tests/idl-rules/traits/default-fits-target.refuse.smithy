// refused at 6:22: Error validating @default trait
$version: "2"
namespace smithy.example

structure Settings {
    count: Integer = "zero"
}
