$version: "2"
namespace smithy.example

intEnum Code {
    OK
}

apply Code$OK @enumValue(200)
