// refused at 6:26: Expected NEWLINE
$version: "2"
namespace smithy.example

structure Settings {
    retries: Integer = 3 name: String
}
