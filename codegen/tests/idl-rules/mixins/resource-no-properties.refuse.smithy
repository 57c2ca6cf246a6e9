// refused at 6:10: Resource shapes with the mixin trait may not define any properties
$version: "2"
namespace smithy.example

@mixin
resource Base {
    identifiers: { id: String }
}
