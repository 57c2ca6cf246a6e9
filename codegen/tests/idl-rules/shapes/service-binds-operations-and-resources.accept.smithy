$version: "2"
namespace smithy.example

service Weather {
    version: "1"
    operations: [Ping]
    resources: [City]
}

operation Ping {}

resource City {}
