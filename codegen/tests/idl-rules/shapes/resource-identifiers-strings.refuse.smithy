// refused at 5:10: where it must name a string shape
$version: "2"
namespace smithy.example

resource City {
    identifiers: { cityId: Integer }
}
