$version: "2"
namespace smithy.example
use aws.api#data

@data("content")
@required
string Note
