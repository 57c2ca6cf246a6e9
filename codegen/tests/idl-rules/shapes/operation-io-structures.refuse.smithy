// refused at 5:11: where it must name a structure
$version: "2"
namespace smithy.example

operation Ping {
    input: String
}
