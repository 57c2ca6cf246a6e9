$version: "2"
namespace smithy.example

@default(0)
integer Count

structure Settings {
    limit: Count = null
}
