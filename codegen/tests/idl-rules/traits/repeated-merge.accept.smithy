$version: "2"
namespace smithy.example

@tags(["a"])
@tags(["b"])
@since("1")
@since("1")
string Name
