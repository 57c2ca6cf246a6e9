// refused at 6:11: An operation mixin must take and give `smithy.api#Unit`, but
$version: "2"
namespace smithy.example

@mixin
operation Validated {
    input := {}
}
