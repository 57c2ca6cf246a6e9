// refused at 5:1: set shapes cannot be used in Smithy version 2: use a list with
$version: "2"
namespace smithy.example

set Names {
    member: String
}
