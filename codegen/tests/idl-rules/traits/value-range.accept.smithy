$version: "2"
namespace smithy.example

@http(method: "GET", uri: "/ping", code: 204)
operation Ping {}
