$version: "2"
namespace smithy.example

@documentation("q\" b\\ s\/ \b\f\n\r\t \u00e9 \
end")
string Name
