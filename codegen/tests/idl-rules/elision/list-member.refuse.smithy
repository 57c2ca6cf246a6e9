// refused at 6:6: smithy.example#Names$member: Member target was elided, but no bound
$version: "2"
namespace smithy.example

list Names {
    $member
}
