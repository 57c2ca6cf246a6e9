$version: "2"
namespace smithy.example

enum Level {
    LOW = "low"
    HIGH = "high"
}
