// refused at 6:21: Expected `member` or `}` in `smithy.example#Numbers`, in that
$version: "2"
namespace smithy.example

list Numbers {
    member: Integer = 1
}
