//! `@requestCompression`: an operation whose model accepts a compressed
//! request body gets it gzipped when it is large enough, as the AWS SDKs
//! do, with the setting they share (`disable_request_compression`,
//! `request_min_compression_size_bytes`).

#[cfg(feature = "request-compression")]
use aws_smithy_types::body::SdkBody;
#[cfg(feature = "request-compression")]
use flate2::{Compression, write::GzEncoder};
#[cfg(feature = "request-compression")]
use http::{
    HeaderValue,
    header::{CONTENT_ENCODING, CONTENT_LENGTH},
};
#[cfg(feature = "request-compression")]
use std::io::Write;

/// The smallest body compressed when none is configured, as in the AWS SDKs:
/// below it, compressing costs more than it saves.
pub const DEFAULT_MIN_COMPRESSION_SIZE: u32 = 10_240;

/// The encodings this client can compress with, in the order it prefers
/// them: none without the `request-compression` feature.
#[cfg(feature = "request-compression")]
const SUPPORTED: [&str; 1] = ["gzip"];

/// Compresses `request`'s body with the first encoding of the operation's
/// (`encodings`, the model's order) that this client supports, if the body
/// is in memory and at least `min_size` bytes; names the encoding after any
/// the request has already (a member bound to `Content-Encoding`), and
/// states the new length. A stream is sent as it is: compressing it would
/// need its whole length first, or a length the model may require.
#[cfg(feature = "request-compression")]
pub(crate) fn compress(
    request: &mut http::Request<SdkBody>,
    encodings: &[&str],
    min_size: u32,
) -> Result<(), std::io::Error> {
    let Some(encoding) = encodings
        .iter()
        .find(|encoding| SUPPORTED.contains(&encoding.to_ascii_lowercase().as_str()))
    else {
        return Ok(());
    };
    let Some(bytes) = request.body().bytes() else {
        return Ok(());
    };
    if bytes.is_empty() || (bytes.len() as u64) < u64::from(min_size) {
        return Ok(());
    }
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::default());
    encoder.write_all(bytes)?;
    let compressed = encoder.finish()?;
    let headers = request.headers_mut();
    let named = headers
        .get_all(CONTENT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .chain([*encoding])
        .collect::<Vec<_>>()
        .join(", ");
    let named = HeaderValue::from_str(&named)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    headers.insert(CONTENT_ENCODING, named);
    headers.insert(CONTENT_LENGTH, HeaderValue::from(compressed.len()));
    *request.body_mut() = SdkBody::from(compressed);
    Ok(())
}

/// Without the `request-compression` feature, a body goes as it is, which
/// `@requestCompression` allows: a client may always send it uncompressed.
#[cfg(not(feature = "request-compression"))]
pub(crate) fn compress(
    _: &mut http::Request<aws_smithy_types::body::SdkBody>,
    _: &[&str],
    _: u32,
) -> Result<(), std::io::Error> {
    Ok(())
}

// The workspace's tests build this crate with the feature on (the
// compliance-test crate asks for it).
#[cfg(all(test, feature = "request-compression"))]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use proptest::prelude::*;
    use std::io::Read;

    fn request(body: &[u8], encoding: Option<&str>) -> http::Request<SdkBody> {
        let mut builder = http::Request::builder().header(CONTENT_LENGTH, body.len());
        if let Some(encoding) = encoding {
            builder = builder.header(CONTENT_ENCODING, encoding);
        }
        builder.body(SdkBody::from(body.to_vec())).unwrap()
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn a_large_enough_body_is_gzipped_after_the_encodings_it_has() {
        let body = vec![b'a'; 20_000];
        let mut sent = request(&body, Some("custom"));
        compress(&mut sent, &["gzip"], DEFAULT_MIN_COMPRESSION_SIZE).unwrap();
        assert_eq!(sent.headers()[CONTENT_ENCODING], "custom, gzip");
        let compressed = sent.body().bytes().unwrap();
        assert_eq!(
            sent.headers()[CONTENT_LENGTH],
            compressed.len().to_string().as_str()
        );
        assert!(compressed.len() < body.len());
        assert_eq!(gunzip(compressed), body);
    }

    #[test]
    fn small_bodies_unknown_encodings_and_streams_go_as_they_are() {
        let mut small = request(b"{}", None);
        compress(&mut small, &["gzip"], 10).unwrap();
        assert_eq!(small.body().bytes(), Some(&b"{}"[..]));
        assert!(!small.headers().contains_key(CONTENT_ENCODING));
        let mut at_minimum = request(&[b'x'; 10], None);
        compress(&mut at_minimum, &["gzip"], 10).unwrap();
        assert_eq!(at_minimum.headers()[CONTENT_ENCODING], "gzip");
        let mut unknown = request(&[b'x'; 100], None);
        compress(&mut unknown, &["br", "zstd"], 0).unwrap();
        assert!(!unknown.headers().contains_key(CONTENT_ENCODING));
        let mut empty = request(b"", None);
        compress(&mut empty, &["gzip"], 0).unwrap();
        assert!(!empty.headers().contains_key(CONTENT_ENCODING));
    }

    proptest! {
        #[test]
        fn what_is_compressed_decompresses_to_the_body(body in proptest::collection::vec(any::<u8>(), 1..4096), min in 0u32..4096) {
            let mut sent = request(&body, None);
            compress(&mut sent, &["gzip"], min).unwrap();
            let bytes = sent.body().bytes().unwrap().to_vec();
            if body.len() as u64 >= u64::from(min) {
                prop_assert_eq!(gunzip(&bytes), body);
                prop_assert_eq!(&sent.headers()[CONTENT_ENCODING], "gzip");
            } else {
                prop_assert_eq!(bytes, body);
            }
        }
    }
}
