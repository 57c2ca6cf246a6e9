$version: "2"
namespace smithy.example

resource Forecast {
    identifiers: { forecastId: String }
    read: GetForecast
}

@readonly
operation GetForecast {
    input := {
        @required
        forecastId: String
    }
}
