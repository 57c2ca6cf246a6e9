// refused at 7:11: Expected one or more whitespace characters,
$version: "2"
namespace smithy.example

string Name

apply Name{
    @sensitive
}
