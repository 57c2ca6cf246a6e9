// refused at 5:17: smithy.example#Weather
$version: "2"
namespace smithy.example

service Weather {
    version: "1"
    rename: { Forecast: "OtherForecast" }
}
