// refused at 6:18: The @default value of a list must be an empty list
$version: "2"
namespace smithy.example

structure Settings {
    tags: Tags = ["a"]
}

list Tags {
    member: String
}
