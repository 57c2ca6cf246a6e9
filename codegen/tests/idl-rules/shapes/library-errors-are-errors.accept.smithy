$version: "2"
namespace smithy.example

operation Ping {
    errors: [smithy.framework#ValidationException]
}
