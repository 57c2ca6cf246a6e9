// refused at 6:11: smithy.example#Level$LOW: intEnum values must be 32-bit integers,
$version: "2"
namespace smithy.example

intEnum Level {
    LOW = 2147483648
}
