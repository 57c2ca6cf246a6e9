$version: "2"
namespace smithy.example

service Weather {
    version: "2024-01-01"
    operations: [Ping]
}

operation Ping {}
