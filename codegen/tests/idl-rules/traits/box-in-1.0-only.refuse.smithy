// refused at 5:1: @box is not supported in Smithy IDL 2.0
$version: "2"
namespace smithy.example

@box
integer Count
