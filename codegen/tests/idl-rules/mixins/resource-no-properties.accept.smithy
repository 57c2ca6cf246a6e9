$version: "2"
namespace smithy.example

@mixin
@internal
resource Base {}

resource Thing with [Base] {}
