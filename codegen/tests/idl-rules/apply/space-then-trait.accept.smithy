$version: "2"
namespace smithy.example

string Name

apply Name @sensitive
