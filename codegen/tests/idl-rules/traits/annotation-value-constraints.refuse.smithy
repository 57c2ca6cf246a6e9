// refused at 5:1: Error creating trait `smithy.test#httpRequestTests`: array is 0 long,
$version: "2"
namespace smithy.example

@smithy.test#httpRequestTests
operation Ping {}
