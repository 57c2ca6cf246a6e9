$version: "2"
namespace smithy.example

@default(0)
integer Count

structure Settings {
    retries: Count = 0
    limit: Count = null
}
