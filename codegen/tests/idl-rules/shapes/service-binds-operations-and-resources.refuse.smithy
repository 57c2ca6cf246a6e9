// refused at 5:9: where it must name an operation
$version: "2"
namespace smithy.example

service Weather {
    version: "1"
    operations: [City]
}

resource City {}
