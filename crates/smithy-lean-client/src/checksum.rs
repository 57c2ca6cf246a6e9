//! `@httpChecksumRequired`: an operation whose model requires a checksum of
//! the request body gets its MD5 in `Content-MD5`, as the AWS SDKs send it.

use aws_smithy_types::body::SdkBody;
use http::HeaderValue;
use md5::{Digest, Md5};

/// The header a required checksum travels in.
const CONTENT_MD5: &str = "content-md5";

/// Sets `Content-MD5` to the base64 of the body's MD5, unless a member
/// set it already. A stream has no MD5 before it is sent: an error says
/// so, naming the operation.
pub(crate) fn add_content_md5(
    request: &mut http::Request<SdkBody>,
    operation: &str,
) -> Result<(), String> {
    if request.headers().contains_key(CONTENT_MD5) {
        return Ok(());
    }
    let bytes = request.body().bytes().ok_or_else(|| {
        format!(
            "{operation} requires a checksum of its body (`@httpChecksumRequired`), which a stream \
             does not have before it is sent: give the payload as bytes"
        )
    })?;
    let digest = Md5::digest(bytes);
    let encoded = aws_smithy_types::base64::encode(digest.as_slice());
    let value = HeaderValue::from_str(&encoded).expect("base64 is a valid header value");
    request.headers_mut().insert(CONTENT_MD5, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: SdkBody) -> http::Request<SdkBody> {
        http::Request::builder().body(body).unwrap()
    }

    #[test]
    fn the_body_md5_goes_in_content_md5() {
        // RFC 1321's test vectors.
        for (body, md5_hex) in [
            (&b""[..], "d41d8cd98f00b204e9800998ecf8427e"),
            (b"abc", "900150983cd24fb0d6963f7d28e17f72"),
        ] {
            let mut sent = request(SdkBody::from(body));
            add_content_md5(&mut sent, "Op").unwrap();
            let decoded =
                aws_smithy_types::base64::decode(sent.headers()[CONTENT_MD5].to_str().unwrap())
                    .unwrap();
            let hex: String = decoded.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex, md5_hex);
        }
    }

    #[test]
    fn a_checksum_a_member_set_is_kept_and_a_stream_is_refused() {
        let mut sent = request(SdkBody::from("abc"));
        sent.headers_mut()
            .insert(CONTENT_MD5, HeaderValue::from_static("given"));
        add_content_md5(&mut sent, "Op").unwrap();
        assert_eq!(sent.headers()[CONTENT_MD5], "given");
        let stream = SdkBody::from_body_1_x(http_body_util::Empty::<bytes::Bytes>::new());
        let mut streamed = request(stream);
        let error = add_content_md5(&mut streamed, "PutThing").unwrap_err();
        assert!(
            error.starts_with("PutThing requires a checksum of its body (`@httpChecksumRequired`)"),
            "{error}"
        );
    }
}
