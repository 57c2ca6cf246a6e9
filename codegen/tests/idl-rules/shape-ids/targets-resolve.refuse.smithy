// refused at 5:11: `smithy.example#Ping` names `smithy.framework#NoSuchError` in its
$version: "2"
namespace smithy.example

operation Ping {
    input: PingInput
    errors: [smithy.framework#NoSuchError]
}

structure PingInput {}
