// refused at 12:35: Expected LBRACE('{')
$version: "2"
namespace smithy.example

resource User {
    identifiers: { name: String }
}

@mixin
structure Base {}

structure UserSummary with [Base] for User {
    $name
}
