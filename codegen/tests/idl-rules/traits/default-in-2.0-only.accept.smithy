$version: "2"
namespace smithy.example

structure Settings {
    @default(3)
    retries: Integer
}
