// refused at 5:19: smithy.example#Forecast
$version: "2"
namespace smithy.example

resource Forecast {
    identifiers: { forecastId: 1 }
}
