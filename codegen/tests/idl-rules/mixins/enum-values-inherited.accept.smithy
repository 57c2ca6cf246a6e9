$version: "2"
namespace smithy.example

@mixin
enum BaseLevel {
    LOW = "low"
}

enum Level with [BaseLevel] {
    /// Redefined, with the mixin's value.
    LOW
    HIGH
}

@mixin
intEnum BaseCode {
    OK = 200
}

intEnum Code with [BaseCode] {
    /// Redefined, with the mixin's value.
    OK
    GONE = 410
}

intEnum SameCode with [BaseCode] {}
