$version: "2"
namespace smithy.example.v2_beta
