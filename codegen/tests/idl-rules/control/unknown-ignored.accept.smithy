$version: "2"
$futureFeature: {enabled: true}
namespace smithy.example
