// refused at 5:1: Unknown shape type: namespace
$version: "2"
namespace smithy.example

namespace smithy.other
