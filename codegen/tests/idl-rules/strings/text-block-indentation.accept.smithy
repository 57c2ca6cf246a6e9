$version: "2"
namespace smithy.example

@documentation("""
    Foo
        Baz  

    Bar
    """)
string Name
