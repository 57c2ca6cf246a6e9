// refused at 6:5: Expected object value for structure shape `smithy.api#required`
$version: "2"
namespace smithy.example

structure Pair {
    @required("yes")
    left: String
}
