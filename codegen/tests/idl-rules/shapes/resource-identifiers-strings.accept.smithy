$version: "2"
namespace smithy.example

resource City {
    identifiers: { cityId: CityId }
}

string CityId
