$version: "2"
namespace smithy.example

structure Settings {
    retries: Integer = 3
    name: String = "x",
    verbose: Boolean
}
