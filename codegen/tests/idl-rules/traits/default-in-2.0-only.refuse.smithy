// refused at 6:5: The @default trait can only be used in Smithy 2.0 or later
$version: "1.0"
namespace smithy.example

structure Settings {
    @default(3)
    retries: Integer
}
