$version: "2"
namespace smithy.example

intEnum Level {
    LOW = -2147483648
    @enumValue(2147483647)
    HIGH
}
