$version: "2"
namespace smithy.example

service Weather {
    version: "1"
    colour: "blue"
    type: "resource"
}
