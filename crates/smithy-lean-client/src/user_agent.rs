//! The `user-agent` and `x-amz-user-agent` headers: which client sent a
//! request, so that a service's logs can tell, in the AWS SDKs' format.

use crate::Service;
use http::HeaderValue;

/// This engine's name and version, the first token of both headers.
const ENGINE: &str = concat!("smithy-lean/", env!("CARGO_PKG_VERSION"));

/// The two headers of one client, made once.
#[derive(Debug, Clone)]
pub(crate) struct UserAgents {
    /// `user-agent`: `smithy-lean/0.1.0 api/chime/1.2.0 os/linux lang/rust`.
    pub(crate) user_agent: HeaderValue,
    /// `x-amz-user-agent`, the AWS SDKs' structured form:
    /// `smithy-lean/0.1.0 ua/2.1 api/chime#1.2.0 os/linux lang/rust`.
    pub(crate) amz_user_agent: HeaderValue,
}

impl UserAgents {
    pub(crate) fn of(service: &Service) -> Self {
        let api = token(service.sdk_id);
        let version = token(service.client_version);
        let os = token(std::env::consts::OS);
        let user_agent = format!("{ENGINE} api/{api}/{version} os/{os} lang/rust");
        let amz_user_agent = format!("{ENGINE} ua/2.1 api/{api}#{version} os/{os} lang/rust");
        UserAgents {
            user_agent: HeaderValue::try_from(user_agent).expect("sanitized to token characters"),
            amz_user_agent: HeaderValue::try_from(amz_user_agent)
                .expect("sanitized to token characters"),
        }
    }
}

/// `text` as a user-agent token, as the AWS SDKs write a service id:
/// lowercase, a space as `-`, and nothing but letters, digits and `.-_`
/// (a `sdkId` is the model's, and can hold anything).
fn token(text: &str) -> String {
    let token: String = text
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => {
                Some(c.to_ascii_lowercase())
            }
            _ => None,
        })
        .collect();
    if token.is_empty() {
        "unknown".to_owned()
    } else {
        token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn service_ids_become_tokens_as_the_sdks_write_them() {
        assert_eq!(token("Chime SDK Identity"), "chime-sdk-identity");
        assert_eq!(token("Chime"), "chime");
        assert_eq!(token("1.2.0-beta"), "1.2.0-beta");
        assert_eq!(token("a/b#c\n"), "abc");
        assert_eq!(token("\u{e9}\u{e9}"), "unknown");
    }

    proptest! {
        #[test]
        fn any_service_makes_valid_headers(sdk_id in any::<String>(), version in any::<String>()) {
            let sdk_id: &'static str = Box::leak(sdk_id.into_boxed_str());
            let version: &'static str = Box::leak(version.into_boxed_str());
            let service = Service {
                sdk_id,
                client_version: version,
                auth: crate::ServiceAuth::Anonymous,
                resolve_endpoint: |_, _| Err(smithy_lean_runtime::endpoint::ResolveEndpointError::new("none")),
            };
            let agents = UserAgents::of(&service);
            let text = agents.amz_user_agent.to_str().unwrap();
            prop_assert!(text.starts_with("smithy-lean/"));
            prop_assert_eq!(text.split(' ').count(), 5);
        }
    }
}
