// refused at 5:7: Cannot apply `smithy.api#sensitive` to `smithy.api#String`
$version: "2"
namespace smithy.example

apply String @sensitive
