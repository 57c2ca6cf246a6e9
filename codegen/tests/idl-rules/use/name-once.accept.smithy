$version: "2"
namespace smithy.example
use smithy.one#Thing
use smithy.two#Other
