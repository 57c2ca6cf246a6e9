$version: "2"
namespace smithy.example

string _Name_2

string __1st
