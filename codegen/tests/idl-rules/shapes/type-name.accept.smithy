$version: "2"
namespace smithy.example

bigDecimal Amount
