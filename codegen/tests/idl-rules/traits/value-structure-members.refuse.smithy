// refused at 5:1: Error creating trait `smithy.api#http`: Invalid structure member `verb
$version: "2"
namespace smithy.example

@http(method: "GET", uri: "/ping", verb: "GET")
operation Ping {}
