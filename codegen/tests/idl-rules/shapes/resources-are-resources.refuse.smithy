// refused at 5:10: `smithy.example#City` names `smithy.example#Forecast` in its resources
$version: "2"
namespace smithy.example

resource City {
    resources: [Forecast]
}

structure Forecast {}
