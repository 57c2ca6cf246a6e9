// bigInteger and bigDecimal in every place restJson1 puts a value: JSON
// numbers in bodies, decimal text in labels, queries and headers, with
// more digits than any machine number holds.
$version: "2.0"

namespace smithy.lean.protocoltests

use aws.protocols#restJson1
use smithy.test#httpRequestTests
use smithy.test#httpResponseTests

@http(uri: "/BigNumbers/{labelInteger}", method: "POST")
operation BigNumbers {
    input: BigNumbersInput
    output: BigNumbersOutput
}

apply BigNumbers @httpRequestTests([
    {
        id: "LeanBigNumbersKeepEveryDigit"
        documentation: "Big numbers keep every digit in the path, the query, a header and the body."
        protocol: restJson1
        method: "POST"
        uri: "/BigNumbers/-123456789012345678901234567890"
        queryParams: ["integer=98765432109876543210", "decimals=0.1", "decimals=-12345678901234567890.123456789"]
        body: """
            {
                "integer": 123456789012345678901234567890,
                "decimal": -0.000000000000000000000000000001,
                "decimals": [1e400, 2.5, 0]
            }"""
        bodyMediaType: "application/json"
        headers: { "Content-Type": "application/json", "X-Decimal": "3.14159265358979323846264338327950288" }
        params: {
            labelInteger: -123456789012345678901234567890
            queryInteger: 98765432109876543210
            queryDecimals: [0.1, -12345678901234567890.123456789]
            headerDecimal: 3.14159265358979323846264338327950288
            integer: 123456789012345678901234567890
            decimal: -0.000000000000000000000000000001
            decimals: [1e400, 2.5, 0]
        }
    }
    {
        id: "LeanBigNumbersDefaultToTheModelsDigits"
        documentation: "A nested structure's unset members with defaults are sent with the model's digits."
        protocol: restJson1
        method: "POST"
        uri: "/BigNumbers/1"
        body: """
            {
                "nested": {
                    "defaultInteger": 18446744073709551616,
                    "defaultDecimal": 0.5
                }
            }"""
        bodyMediaType: "application/json"
        params: {
            labelInteger: 1
            nested: {}
        }
    }
])

apply BigNumbers @httpResponseTests([
    {
        id: "LeanBigNumbersAreReadWhole"
        documentation: "Big numbers are read from a body and a header without losing a digit."
        protocol: restJson1
        code: 200
        headers: { "Content-Type": "application/json", "X-Integer": "-99999999999999999999999999999" }
        body: """
            {
                "decimal": 12345678901234567890.000000000000000000001,
                "decimals": [1e-400, -3]
            }"""
        bodyMediaType: "application/json"
        params: {
            headerInteger: -99999999999999999999999999999
            decimal: 12345678901234567890.000000000000000000001
            decimals: [1e-400, -3]
        }
    }
    {
        id: "LeanBigNumbersMayComeAsStrings"
        documentation: "A number the server sends as a string of digits is read as the number."
        protocol: restJson1
        code: 200
        headers: { "Content-Type": "application/json" }
        body: """
            {
                "decimal": "2.50"
            }"""
        bodyMediaType: "application/json"
        params: {
            decimal: 2.5
        }
    }
])

structure BigNumbersInput {
    @httpLabel
    @required
    labelInteger: BigInteger

    @httpQuery("integer")
    queryInteger: BigInteger

    @httpQuery("decimals")
    queryDecimals: BigDecimalList

    @httpHeader("X-Decimal")
    headerDecimal: BigDecimal

    integer: BigInteger

    decimal: BigDecimal

    decimals: BigDecimalList

    nested: BigDefaults
}

structure BigDefaults {
    defaultInteger: BigInteger = 18446744073709551616

    defaultDecimal: BigDecimal = 0.5
}

structure BigNumbersOutput {
    @httpHeader("X-Integer")
    headerInteger: BigInteger

    decimal: BigDecimal

    decimals: BigDecimalList
}

list BigDecimalList {
    member: BigDecimal
}
