// refused at 4:10: Expected POUND('#')
$version: "2"
namespace smithy.example
use Thing
