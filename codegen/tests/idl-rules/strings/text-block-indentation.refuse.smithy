// refused at 8:1: Expected: '"""',
$version: "2"
namespace smithy.example

@documentation("""
    never closed
string Name
