// refused at 5:19: Resource properties can only be used with Smithy version 2 or later
$version: "1.0"
namespace smithy.example

resource Forecast {
    identifiers: { forecastId: String }
    properties: { high: Integer }
}
