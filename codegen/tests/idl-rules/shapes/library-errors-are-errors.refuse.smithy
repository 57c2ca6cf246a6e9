// refused at 5:11: where it must name a structure marked `@error`
$version: "2"
namespace smithy.example

operation Ping {
    errors: [Unit]
}
