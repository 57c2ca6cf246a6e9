// refused at 3:16: Expected one of LBRACE('{'), LBRACKET('['), TEXT_BLOCK('"""')
$version: "2"
$futureFeature:
namespace smithy.example
