$version: "2"
namespace smithy.example

@documentation("""
    <p>Hi\n    bar</p>
    Foo \
    Baz""")
string Name
