// refused at 3:1: Expected a namespace definition
$version: "2"
string Name
