// refused at 6:5: `smithy.example#Holder$nowhere` targets `smithy.example#Missing`
$version: "2"
namespace smithy.example

structure Holder {
    nowhere: Missing
}
