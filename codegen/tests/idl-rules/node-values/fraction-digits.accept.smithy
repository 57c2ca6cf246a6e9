$version: "2"
namespace smithy.example

@range(min: 1.0)
integer Small
