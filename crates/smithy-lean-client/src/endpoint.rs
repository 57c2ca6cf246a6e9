//! Where requests go and how they are signed there.
//!
//! The endpoint comes from the model's own rule set, which the generator
//! compiles into the service's [`Service::resolve_endpoint`], with its
//! partition data for the rules' `aws.partition`. It is resolved once, when
//! the client is built, from the parameters SDKs fill from configuration
//! ([`BuiltIns`]), which do not vary per call; and again for each call of
//! an operation that sets parameters of its own (`@contextParam`,
//! `@staticContextParams`: [`OperationInput::endpoint_context`]).
//!
//! [`OperationInput::endpoint_context`]: smithy_lean_runtime::operation::OperationInput::endpoint_context
//!
//! # The host prefix
//!
//! An operation with the `endpoint` trait has a host prefix, such as
//! `identity-`: the endpoint `https://chime.us-east-1.amazonaws.com` becomes
//! `https://identity-chime.us-east-1.amazonaws.com` for it. The prefix is
//! put in front of the resolved host, custom endpoint URLs included, as the
//! Smithy specification says, with two exceptions:
//!
//! - [`ConfigBuilder::disable_host_prefix`](crate::ConfigBuilder::disable_host_prefix) turns it off;
//! - it is never put in front of an IP address (`http://127.0.0.1:4566`) or
//!   `localhost`, where a prefixed name could not reach the same machine.

pub use crate::operation::{BuiltIns, ResolveEndpoint, Service, ServiceAuth};
use aws_smithy_types::Document;
pub use smithy_lean_runtime::endpoint::{ContextValue, Partition, ResolveEndpointError};
use std::borrow::Cow;

/// An endpoint ready for requests: where they go and how they are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The URL that request paths are appended to, without a trailing `/`
    /// and without any operation's host prefix.
    pub base_url: String,
    /// The region requests are signed for (empty when they are not signed
    /// and no region is configured).
    pub signing_region: String,
    /// The service name requests are signed for with SigV4; `None` for a
    /// service that does not sign (bearer tokens, anonymous requests).
    pub signing_name: Option<String>,
    /// Headers the endpoint asks for.
    pub headers: Vec<(String, String)>,
}

/// Resolves the service's endpoint from the built-in parameters and a
/// call's own (`context`, empty for the client's endpoint).
pub fn resolve(
    service: &Service,
    built_ins: &BuiltIns,
    context: &[(&'static str, ContextValue)],
) -> Result<Endpoint, ResolveEndpointError> {
    let resolved = (service.resolve_endpoint)(built_ins, context)?;
    into_endpoint(
        &resolved,
        built_ins.region.as_deref(),
        service.auth.signing_name(),
    )
}

fn into_endpoint(
    resolved: &aws_smithy_types::endpoint::Endpoint,
    region: Option<&str>,
    signing_name: Option<&str>,
) -> Result<Endpoint, ResolveEndpointError> {
    let mut signing_region = region.map(str::to_owned);
    let Some(signing_name) = signing_name else {
        // Not signed: whatever the endpoint says of SigV4 does not apply.
        return Ok(Endpoint {
            base_url: with_host_prefix(resolved.url(), None)?,
            signing_region: signing_region.unwrap_or_default(),
            signing_name: None,
            headers: endpoint_headers(resolved),
        });
    };
    let mut signing_name = signing_name.to_owned();
    let schemes = resolved.auth_schemes();
    if !schemes.is_empty() {
        let Some(sigv4) = schemes.iter().find(|scheme| scheme.name() == "sigv4") else {
            return Err(ResolveEndpointError::new(
                "the endpoint offers no sigv4 authentication scheme",
            ));
        };
        if let Some(Document::String(r)) = sigv4.get("signingRegion") {
            signing_region = Some(r.clone());
        }
        if let Some(Document::String(n)) = sigv4.get("signingName") {
            signing_name.clone_from(n);
        }
    }
    let signing_region = signing_region
        .ok_or_else(|| ResolveEndpointError::new("no region to sign requests for: set a region"))?;
    Ok(Endpoint {
        base_url: with_host_prefix(resolved.url(), None)?,
        signing_region,
        signing_name: Some(signing_name),
        headers: endpoint_headers(resolved),
    })
}

/// The headers the endpoint asks for, each value its own pair.
fn endpoint_headers(resolved: &aws_smithy_types::endpoint::Endpoint) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    for (name, values) in resolved.headers() {
        for value in values {
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    headers
}

/// Puts the host prefix in front of the URL's host (see the module docs)
/// and drops a trailing `/` so that request paths can be appended.
///
/// ```
/// use smithy_lean_client::endpoint::with_host_prefix;
///
/// let prefixed = with_host_prefix("https://example.com/", Some("identity-")).unwrap();
/// assert_eq!(prefixed, "https://identity-example.com");
/// let local = with_host_prefix("http://127.0.0.1:4566", Some("identity-")).unwrap();
/// assert_eq!(local, "http://127.0.0.1:4566");
/// ```
pub fn with_host_prefix(
    url: &str,
    host_prefix: Option<&str>,
) -> Result<String, ResolveEndpointError> {
    let uri: http::Uri = url.parse().map_err(|e| {
        ResolveEndpointError::new(format!("endpoint URL `{url}` is not valid: {e}"))
    })?;
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return Err(ResolveEndpointError::new(format!(
            "endpoint URL `{url}` needs a scheme and a host"
        )));
    };
    if uri.query().is_some() {
        return Err(ResolveEndpointError::new(format!(
            "endpoint URL `{url}` must not have a query"
        )));
    }
    let host = authority.host();
    let bare_host = host.trim_start_matches('[').trim_end_matches(']');
    let keeps_host = bare_host.parse::<std::net::IpAddr>().is_ok()
        || bare_host.eq_ignore_ascii_case("localhost");
    let prefix = match host_prefix {
        Some(prefix) if !keeps_host => prefix,
        _ => "",
    };
    if !prefix.is_empty() && !rules_valid_prefix(prefix) {
        return Err(ResolveEndpointError::new(format!(
            "host prefix `{prefix}` does not form a valid host name"
        )));
    }
    let path = uri.path().trim_end_matches('/');
    Ok(format!("{scheme}://{prefix}{authority}{path}"))
}

fn rules_valid_prefix(prefix: &str) -> bool {
    prefix
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Refuses a custom endpoint URL before any I/O: one whose scheme is not
/// `http` or `https`, which no attempt could reach, and one with user
/// information (`user:password@`), which SigV4 would sign and send in the
/// `Host` header. The message shows the URL without its user information.
pub(crate) fn check_custom_url(url: &str) -> Result<(), String> {
    let shown = without_user_info(url);
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(format!(
            "the endpoint URL `{shown}` has no scheme: write http:// or https://"
        ));
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!(
            "the endpoint URL `{shown}` has the scheme `{scheme}`: only http and https are supported"
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(format!(
            "the endpoint URL `{shown}` holds user information; credentials come from the \
             credentials provider, never from the URL"
        ));
    }
    Ok(())
}

/// `url` with any user information replaced by `***`, for messages and `Debug`.
pub(crate) fn without_user_info(url: &str) -> Cow<'_, str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Cow::Borrowed(url);
    };
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_len].rfind('@') {
        Some(at) => Cow::Owned(format!("{scheme}://***{}", &rest[at..])),
        None => Cow::Borrowed(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_urls_with_other_schemes_or_user_information_are_refused_without_the_secret() {
        for ok in [
            "http://127.0.0.1:4566",
            "https://example.com/base",
            "HTTPS://example.com",
            "http://[::1]:80/a@b",
        ] {
            assert_eq!(check_custom_url(ok), Ok(()), "{ok}");
        }
        let refused = [
            (
                "ftp://x",
                "the endpoint URL `ftp://x` has the scheme `ftp`: only http and https are supported",
            ),
            (
                "127.0.0.1:4566",
                "the endpoint URL `127.0.0.1:4566` has no scheme: write http:// or https://",
            ),
            (
                "http://admin:hunter2@127.0.0.1:4566",
                "the endpoint URL `http://***@127.0.0.1:4566` holds user information; credentials \
                 come from the credentials provider, never from the URL",
            ),
            (
                "ftp://admin:hunter2@host/x",
                "the endpoint URL `ftp://***@host/x` has the scheme `ftp`: only http and https are supported",
            ),
        ];
        for (url, expected) in refused {
            let message = check_custom_url(url).unwrap_err();
            assert_eq!(message, expected);
            assert!(!message.contains("hunter2"));
        }
        assert_eq!(
            without_user_info("https://a:b@c:1/p@q"),
            "https://***@c:1/p@q"
        );
        assert_eq!(without_user_info("https://c/p@q"), "https://c/p@q");
        assert_eq!(without_user_info("no scheme@all"), "no scheme@all");
    }

    #[test]
    fn the_prefix_goes_on_names_but_not_on_ip_addresses_or_localhost() {
        let cases = [
            ("https://example.com", "https://identity-example.com"),
            ("https://example.com/", "https://identity-example.com"),
            (
                "https://example.com:8443/base/",
                "https://identity-example.com:8443/base",
            ),
            ("http://127.0.0.1:4566", "http://127.0.0.1:4566"),
            ("http://[::1]:4566", "http://[::1]:4566"),
            ("http://localhost:4566", "http://localhost:4566"),
        ];
        for (url, expected) in cases {
            assert_eq!(
                with_host_prefix(url, Some("identity-")).unwrap(),
                expected,
                "{url}"
            );
        }
        assert_eq!(
            with_host_prefix("https://example.com", None).unwrap(),
            "https://example.com"
        );
        assert!(with_host_prefix("example.com", Some("identity-")).is_err());
        assert!(with_host_prefix("https://example.com/?a=b", None).is_err());
    }
}
