// refused at 9:5: Member targets smithy.example#Count, which requires that the member defines the same default
$version: "2"
namespace smithy.example

@default(0)
integer Count

structure Settings {
    retries: Count
}
