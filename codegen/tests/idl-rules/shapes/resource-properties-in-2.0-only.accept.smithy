$version: "2"
namespace smithy.example

resource Forecast {
    identifiers: { forecastId: String }
    properties: { high: Integer }
}
