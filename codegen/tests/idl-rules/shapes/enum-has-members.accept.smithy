$version: "2"
namespace smithy.example

intEnum Level {
    LOW = 1
}
