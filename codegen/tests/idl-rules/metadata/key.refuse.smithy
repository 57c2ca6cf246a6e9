// refused at 3:11: Expected EQUAL('=')
$version: "2"
metadata a.b = 1
namespace smithy.example
