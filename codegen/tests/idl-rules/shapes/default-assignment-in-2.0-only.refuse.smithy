// refused at 6:22: @default assignment is only supported in IDL version 2 or later
$version: "1.0"
namespace smithy.example

structure Settings {
    retries: Integer = 3
}
