$version: "2"
metadata kinds = [String, smithy.example#Thing]
namespace smithy.example

string Thing
