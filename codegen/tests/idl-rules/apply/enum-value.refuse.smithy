// refused at 9:15: intEnum members require integer values
$version: "2"
namespace smithy.example

intEnum Code {
    OK
}

apply Code$OK @enumValue("ok")
