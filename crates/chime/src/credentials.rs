//! Credentials, fetched once and reused until shortly before they expire.
//!
//! Providers from `aws-config` (SSO, assumed roles, instance metadata) make
//! a network request each time they are asked; the AWS SDKs put an identity
//! cache in front of them, and so does this client. One refresh runs at a
//! time: calls that need credentials while it runs wait for its result.

use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use std::time::{Duration, SystemTime};
use tokio::sync::Mutex;

/// Credentials are refreshed this long before they expire, so that none
/// expires between signing and the service checking the signature.
pub(crate) const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// A provider with its last credentials.
#[derive(Debug)]
pub(crate) struct CachedCredentials {
    provider: SharedCredentialsProvider,
    cached: Mutex<Option<Credentials>>,
}

impl CachedCredentials {
    pub(crate) fn new(provider: SharedCredentialsProvider) -> Self {
        Self {
            provider,
            cached: Mutex::new(None),
        }
    }

    /// Credentials valid for at least [`REFRESH_BEFORE_EXPIRY`], from the
    /// cache or, when it has none such, from the provider.
    pub(crate) async fn get(&self) -> Result<Credentials, CredentialsError> {
        let mut cached = self.cached.lock().await;
        if let Some(credentials) = cached.as_ref().filter(|c| is_fresh(c, SystemTime::now())) {
            return Ok(credentials.clone());
        }
        let credentials = self.provider.provide_credentials().await?;
        *cached = Some(credentials.clone());
        Ok(credentials)
    }
}

fn is_fresh(credentials: &Credentials, now: SystemTime) -> bool {
    match credentials.expiry() {
        None => true,
        Some(expiry) => expiry
            .duration_since(now)
            .is_ok_and(|left| left > REFRESH_BEFORE_EXPIRY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_credential_types::provider::future;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Hands out credentials that expire `lifetime` after being fetched,
    /// and counts the fetches.
    #[derive(Debug)]
    struct Counting {
        fetches: Arc<AtomicUsize>,
        lifetime: Option<Duration>,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            let n = self.fetches.fetch_add(1, Ordering::SeqCst);
            let expiry = self.lifetime.map(|l| SystemTime::now() + l);
            future::ProvideCredentials::ready(Ok(Credentials::new(
                format!("AKID{n}"),
                "secret",
                None,
                expiry,
                "counting",
            )))
        }
    }

    fn counting_cache(lifetime: Option<Duration>) -> (CachedCredentials, Arc<AtomicUsize>) {
        let fetches = Arc::new(AtomicUsize::new(0));
        let provider = SharedCredentialsProvider::new(Counting {
            fetches: fetches.clone(),
            lifetime,
        });
        (CachedCredentials::new(provider), fetches)
    }

    #[tokio::test]
    async fn credentials_are_fetched_once_while_fresh() {
        let (cache, fetches) = counting_cache(Some(Duration::from_secs(3600)));
        for _ in 0..10 {
            assert_eq!(cache.get().await.unwrap().access_key_id(), "AKID0");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        let (cache, fetches) = counting_cache(None);
        for _ in 0..10 {
            cache.get().await.unwrap();
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn credentials_near_their_expiry_are_fetched_again() {
        let (cache, fetches) = counting_cache(Some(REFRESH_BEFORE_EXPIRY - Duration::from_secs(1)));
        assert_eq!(cache.get().await.unwrap().access_key_id(), "AKID0");
        assert_eq!(cache.get().await.unwrap().access_key_id(), "AKID1");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn freshness_is_judged_against_the_refresh_margin() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let expiring = |left: Duration| Credentials::new("a", "s", None, Some(now + left), "t");
        assert!(is_fresh(
            &expiring(REFRESH_BEFORE_EXPIRY + Duration::from_secs(1)),
            now
        ));
        assert!(!is_fresh(&expiring(REFRESH_BEFORE_EXPIRY), now));
        let expired = Credentials::new("a", "s", None, Some(now - Duration::from_secs(1)), "t");
        assert!(!is_fresh(&expired, now));
    }
}
