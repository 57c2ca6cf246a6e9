// refused at 7:5: Multiple enum members found with duplicate value
$version: "2"
namespace smithy.example

enum Level {
    LOW = "low"
    HIGH = "low"
}
