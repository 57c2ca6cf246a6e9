$version: "2"
metadata  	"spaced" = true
namespace smithy.example
