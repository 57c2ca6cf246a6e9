// refused at 5:1: Error creating trait `smithy.api#http`: Missing required structure mem
$version: "2"
namespace smithy.example

@http(method: "GET")
operation Ping {}
