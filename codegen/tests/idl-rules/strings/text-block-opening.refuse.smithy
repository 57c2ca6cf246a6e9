// refused at 5:16: A text block must start with a line break after its opening `"""`
$version: "2"
namespace smithy.example

@documentation("""text""")
string Name
