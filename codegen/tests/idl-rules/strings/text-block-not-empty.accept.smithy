$version: "2"
namespace smithy.example

@documentation("""
""")
string Name
