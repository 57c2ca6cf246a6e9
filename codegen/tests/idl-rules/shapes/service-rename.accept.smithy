$version: "2"
namespace smithy.example

service Weather {
    version: "1"
    rename: { "smithy.other#Forecast": "OtherForecast" }
}
