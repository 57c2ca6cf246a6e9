// refused at 6:5: Members that elide their targets can only be used with Smithy
$version: "1.0"
namespace smithy.example

structure Thing {
    $id
}
