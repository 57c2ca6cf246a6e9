$version: "2"
namespace smithy.example

@documentation("""
    text""")
string Name
