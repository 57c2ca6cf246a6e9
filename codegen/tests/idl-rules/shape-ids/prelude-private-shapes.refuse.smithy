// refused at 6:5: targets `smithy.api#Severity`, which is defined nowhere
$version: "2"
namespace smithy.example

structure Check {
    severity: smithy.api#Severity
}
