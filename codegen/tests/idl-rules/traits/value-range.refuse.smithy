// refused at 5:1: Error creating trait `smithy.api#http`: 99 is outside the @range of th
$version: "2"
namespace smithy.example

@http(method: "GET", uri: "/ping", code: 99)
operation Ping {}
