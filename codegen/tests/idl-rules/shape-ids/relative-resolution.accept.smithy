$version: "2"
namespace smithy.example
use smithy.framework#ValidationException

structure Holder {
    imported: ValidationException
    local: Local
    prelude: String
    shadowed: Integer
}

string Local

integer Integer
