$version: "2"
namespace smithy.example

structure Settings {
    tags: Tags = []
    labels: Labels = {}
    extra: Document = "none"
}

list Tags {
    member: String
}

map Labels {
    key: String
    value: String
}
