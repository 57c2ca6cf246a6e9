//! Checksums of a request body that the service requires: `@httpChecksumRequired`
//! (its MD5 in `Content-MD5`, as the AWS SDKs send it), and Glacier's
//! SHA-256 and SHA-256 tree hash, a customization the AWS SDKs make for it.

use aws_smithy_types::body::SdkBody;
use http::HeaderValue;
use sha2::{Digest, Sha256};

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
    let value = HeaderValue::from_str(&content_md5(bytes, operation)?)
        .expect("base64 is a valid header value");
    request.headers_mut().insert(CONTENT_MD5, value);
    Ok(())
}

/// The base64 of the MD5 of `bytes`.
#[cfg(feature = "content-md5")]
fn content_md5(bytes: &[u8], _: &str) -> Result<String, String> {
    use md5::{Digest, Md5};
    Ok(aws_smithy_types::base64::encode(
        Md5::digest(bytes).as_slice(),
    ))
}

/// Without the `content-md5` feature there is no MD5 to send, and the
/// service would refuse the call: it fails first, saying what to turn on.
#[cfg(not(feature = "content-md5"))]
fn content_md5(_: &[u8], operation: &str) -> Result<String, String> {
    Err(format!(
        "{operation} requires a checksum of its body (`@httpChecksumRequired`): turn on the \
         `content-md5` feature of smithy-lean-client (generated clients of such models do)"
    ))
}

/// The chunk a SHA-256 tree hash hashes first.
const TREE_HASH_CHUNK: usize = 1 << 20;

/// Sets `x-amz-content-sha256` (the body's SHA-256) and
/// `x-amz-sha256-tree-hash` (the SHA-256 of each MiB, then of each pair of
/// hashes, up to one), in hex, unless a member set them. A stream has
/// neither before it is sent: an error says so, naming the operation.
pub(crate) fn add_tree_hash(
    request: &mut http::Request<SdkBody>,
    operation: &str,
) -> Result<(), String> {
    const CONTENT_SHA256: &str = "x-amz-content-sha256";
    const TREE_HASH: &str = "x-amz-sha256-tree-hash";
    let headers = request.headers();
    if headers.contains_key(CONTENT_SHA256) && headers.contains_key(TREE_HASH) {
        return Ok(());
    }
    let bytes = request.body().bytes().ok_or_else(|| {
        format!(
            "{operation} sends the SHA-256 tree hash of its body, which a stream does not have \
             before it is sent: give the payload as bytes, or set the checksum yourself"
        )
    })?;
    let (whole, tree) = (hex(&Sha256::digest(bytes)), hex(&tree_hash(bytes)));
    let headers = request.headers_mut();
    for (name, value) in [(CONTENT_SHA256, whole), (TREE_HASH, tree)] {
        if !headers.contains_key(name) {
            let value = HeaderValue::from_str(&value).expect("hex is a valid header value");
            headers.insert(name, value);
        }
    }
    Ok(())
}

/// The SHA-256 tree hash: each MiB hashed, then each pair of hashes hashed
/// together (an odd one out carried up as it is), until one is left.
fn tree_hash(bytes: &[u8]) -> [u8; 32] {
    let mut level: Vec<[u8; 32]> = bytes
        .chunks(TREE_HASH_CHUNK)
        .map(|chunk| Sha256::digest(chunk).into())
        .collect();
    if level.is_empty() {
        return Sha256::digest(b"").into();
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [left, right] => {
                    let mut both = Sha256::new();
                    both.update(left);
                    both.update(right);
                    both.finalize().into()
                }
                [odd] => *odd,
                _ => unreachable!("chunks of two"),
            })
            .collect();
    }
    level[0]
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: SdkBody) -> http::Request<SdkBody> {
        http::Request::builder().body(body).unwrap()
    }

    // The workspace's tests build this crate with the feature on (the
    // compliance-test crate asks for it).
    #[cfg(feature = "content-md5")]
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

    #[cfg(not(feature = "content-md5"))]
    #[test]
    fn without_the_feature_a_required_checksum_fails_the_call_saying_so() {
        let mut sent = request(SdkBody::from("abc"));
        let error = add_content_md5(&mut sent, "PutThing").unwrap_err();
        assert!(
            error.contains("turn on the `content-md5` feature"),
            "{error}"
        );
        assert!(!sent.headers().contains_key(CONTENT_MD5));
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

    #[test]
    fn a_small_body_has_one_chunk_whose_hash_is_its_tree_hash() {
        let mut sent = request(SdkBody::from("hello world"));
        add_tree_hash(&mut sent, "UploadArchive").unwrap();
        let expected = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(sent.headers()["x-amz-content-sha256"], expected);
        assert_eq!(sent.headers()["x-amz-sha256-tree-hash"], expected);
    }

    #[test]
    fn larger_bodies_hash_their_mebibytes_in_pairs() {
        let sha = |bytes: &[u8]| -> [u8; 32] { Sha256::digest(bytes).into() };
        let pair = |left: [u8; 32], right: [u8; 32]| -> [u8; 32] {
            sha(&[left.as_slice(), right.as_slice()].concat())
        };
        let body: Vec<u8> = (0..TREE_HASH_CHUNK * 3 + 5)
            .map(|i| (i % 251) as u8)
            .collect();
        let chunks: Vec<[u8; 32]> = body.chunks(TREE_HASH_CHUNK).map(sha).collect();
        assert_eq!(chunks.len(), 4);
        let expected = pair(pair(chunks[0], chunks[1]), pair(chunks[2], chunks[3]));
        assert_eq!(tree_hash(&body), expected);
        // Three: the third is carried up, then paired.
        let three = &body[..TREE_HASH_CHUNK * 3];
        assert_eq!(
            tree_hash(three),
            pair(pair(chunks[0], chunks[1]), chunks[2])
        );
        assert_eq!(tree_hash(b""), sha(b""));
    }

    #[test]
    fn checksums_a_member_set_are_kept_and_a_stream_is_refused() {
        let mut sent = request(SdkBody::from("abc"));
        let given = HeaderValue::from_static("given");
        sent.headers_mut()
            .insert("x-amz-sha256-tree-hash", given.clone());
        add_tree_hash(&mut sent, "Op").unwrap();
        assert_eq!(sent.headers()["x-amz-sha256-tree-hash"], given);
        assert_eq!(sent.headers()["x-amz-content-sha256"].len(), 64);
        let stream = SdkBody::from_body_1_x(http_body_util::Empty::<bytes::Bytes>::new());
        let error = add_tree_hash(&mut request(stream), "UploadArchive").unwrap_err();
        assert!(
            error.starts_with("UploadArchive sends the SHA-256 tree hash"),
            "{error}"
        );
    }
}
