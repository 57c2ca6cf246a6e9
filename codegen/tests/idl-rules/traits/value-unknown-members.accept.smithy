$version: "2"
namespace smithy.example

@http(method: "GET", uri: "/ping", verb: "GET")
operation Ping {}
