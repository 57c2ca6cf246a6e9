// refused at 9:18: Expected LBRACE('{')
$version: "2"
namespace smithy.example

resource User {
    identifiers: { name: String }
}

union UserChoice for User {
    $name
}
