// refused at 5:1: Error creating trait `smithy.api#http`: string is 0 long, outside the
$version: "2"
namespace smithy.example

@http(method: "", uri: "/ping")
operation Ping {}
