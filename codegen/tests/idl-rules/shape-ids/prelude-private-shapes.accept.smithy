$version: "2"
namespace smithy.example

structure Check {
    severity: Level
}

enum Level {
    NOTE
}
