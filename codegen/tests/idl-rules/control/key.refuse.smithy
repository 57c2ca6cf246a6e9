// refused at 2:2: Expected one of STRING('"'), IDENTIFIER
$1: "2"
namespace smithy.example
