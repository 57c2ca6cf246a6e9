// refused at 4:5: Use statements cannot use members
$version: "2"
namespace smithy.example
use smithy.other#Thing$member
