// This project's own compliance cases, written in the form of Smithy's
// (`smithy.test#httpRequestTests` and `httpResponseTests`) for what the
// upstream restJson1 cases do not reach. The runner reads them with
// `cargo xtask protocol-tests --models xtask/protocol-tests/own`.
$version: "2.0"

namespace smithy.lean.protocoltests

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

@service(sdkId: "Lean Rest Json")
@sigv4(name: "leanrestjson")
@restJson1
service LeanRestJson {
    version: "2026-12-07"
    operations: [
        BigNumbers
        EnumTrait
    ]
}
