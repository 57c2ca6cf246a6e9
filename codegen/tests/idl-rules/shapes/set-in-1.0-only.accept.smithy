$version: "1.0"
namespace smithy.example

set Names {
    member: String
}
