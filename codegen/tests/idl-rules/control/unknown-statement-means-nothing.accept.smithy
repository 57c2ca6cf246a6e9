$version: "2"
$futureFeature: "on"
namespace smithy.example

string Name
