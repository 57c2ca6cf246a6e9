$version: "2"
namespace smithy.example

@http(method: "GET", uri: "/ping")
operation Ping {}

apply Ping @smithy.test#httpResponseTests([])
