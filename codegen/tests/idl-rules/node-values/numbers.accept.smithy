$version: "2"
namespace smithy.example

@range(min: -1.5e3, max: 0.25)
integer Small
