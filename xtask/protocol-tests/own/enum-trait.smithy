// Strings with the IDL 1.0 `enum` trait, read as the enum shapes Smithy
// 2.0 makes of them: named definitions, definitions whose names are made
// of their values, in a body, a header, a query and a map's keys, and a
// value the model does not list kept as it came.
$version: "1.0"

namespace smithy.lean.protocoltests

use aws.protocols#restJson1
use smithy.test#httpRequestTests
use smithy.test#httpResponseTests

@http(uri: "/EnumTrait", method: "POST")
operation EnumTrait {
    input: EnumTraitInputOutput
    output: EnumTraitInputOutput
}

apply EnumTrait @httpRequestTests([
    {
        id: "LeanEnumTraitValuesTravelAsTheirText"
        documentation: "Each value travels as the text its definition gives, wherever it is bound."
        protocol: restJson1
        method: "POST"
        uri: "/EnumTrait"
        queryParams: ["size=us-east-1"]
        headers: { "Content-Type": "application/json", "X-Colour": "rouge" }
        body: """
            {
                "colour": "vert",
                "sizes": ["t2.micro", "us-east-1"],
                "byColour": { "rouge": "t2.micro" }
            }"""
        bodyMediaType: "application/json"
        params: {
            headerColour: "rouge"
            querySize: "us-east-1"
            colour: "vert"
            sizes: ["t2.micro", "us-east-1"]
            byColour: { "rouge": "t2.micro" }
        }
    }
])

apply EnumTrait @httpResponseTests([
    {
        id: "LeanEnumTraitKeepsValuesTheModelDoesNotList"
        documentation: "A value the model does not list is read and kept as it came."
        protocol: restJson1
        code: 200
        headers: { "Content-Type": "application/json", "X-Colour": "bleu" }
        body: """
            {
                "colour": "vert",
                "sizes": ["m5.large"],
                "byColour": { "jaune": "t2.micro" }
            }"""
        bodyMediaType: "application/json"
        params: {
            headerColour: "bleu"
            colour: "vert"
            sizes: ["m5.large"]
            byColour: { "jaune": "t2.micro" }
        }
    }
])

structure EnumTraitInputOutput {
    @httpHeader("X-Colour")
    headerColour: Colour

    @httpQuery("size")
    querySize: Size

    colour: Colour

    sizes: SizeList

    byColour: SizeByColour
}

@enum([
    { value: "rouge", name: "RED", documentation: "The colour of a stop sign." }
    { value: "vert", name: "GREEN" }
    { value: "gris", name: "GREY", deprecated: true, tags: ["legacy"] }
])
string Colour

@enum([
    { value: "t2.micro" }
    { value: "us-east-1" }
])
string Size

list SizeList {
    member: Size
}

map SizeByColour {
    key: Colour
    value: Size
}
