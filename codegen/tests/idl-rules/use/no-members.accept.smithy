$version: "2"
namespace smithy.example
use smithy.other#Thing
