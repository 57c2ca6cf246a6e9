$version: "2"
namespace smithy.example

structure Settings {
    count: Integer = 0
    name: Name = "none"
    @range(min: 1)
    retries: Integer = 0
    later: Integer = null
}

@length(min: 1)
string Name
