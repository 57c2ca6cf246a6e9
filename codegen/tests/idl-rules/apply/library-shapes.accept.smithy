$version: "2"
namespace smithy.example

apply smithy.framework#ValidationException @documentation("Refused input.")
