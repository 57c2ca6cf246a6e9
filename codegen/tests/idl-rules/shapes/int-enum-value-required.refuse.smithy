// refused at 6:5: smithy.example#Level$LOW: intEnum members require a value (
$version: "2"
namespace smithy.example

intEnum Level {
    LOW
}
