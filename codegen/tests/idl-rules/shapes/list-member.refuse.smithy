// refused at 7:5: Expected `member` or `}` in `smithy.example#Names`, in that order,
$version: "2"
namespace smithy.example

list Names {
    member: String
    other: String
}
