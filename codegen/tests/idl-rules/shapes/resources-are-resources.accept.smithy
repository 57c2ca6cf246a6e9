$version: "2"
namespace smithy.example

resource City {
    resources: [Forecast]
}

resource Forecast {}
