// refused at 5:5: Cannot use name `smithy.two#Thing` because it conflicts with
$version: "2"
namespace smithy.example
use smithy.one#Thing
use smithy.two#Thing
