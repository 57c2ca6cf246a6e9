// refused at 7:5: Expected `key`, `value` or `}` in `smithy.example#Counts`, in that
$version: "2"
namespace smithy.example

map Counts {
    value: Integer
    key: String
}
