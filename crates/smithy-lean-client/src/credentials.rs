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

/// How long a provider may take to hand out credentials, as in the AWS
/// SDKs' identity cache: a provider that never answers cannot hold a call.
pub const DEFAULT_CREDENTIALS_LOAD_TIMEOUT: Duration = Duration::from_secs(5);

/// Why no credentials could be had.
#[derive(Debug)]
pub(crate) enum LoadFailure {
    /// The provider said why.
    Provider(CredentialsError),
    /// The provider took longer than this.
    TimedOut(Duration),
}

/// A provider with its last credentials.
#[derive(Debug)]
pub(crate) struct CachedCredentials {
    provider: SharedCredentialsProvider,
    load_timeout: Duration,
    cached: Mutex<Option<Cached>>,
}

#[derive(Debug)]
struct Cached {
    credentials: Credentials,
    /// Whether these credentials, inside the refresh margin, have had their
    /// one early refresh. Credentials that arrive inside the margin count as
    /// refreshed: they are the freshest the provider has.
    refreshed_early: bool,
}

impl CachedCredentials {
    pub(crate) fn new(provider: SharedCredentialsProvider, load_timeout: Duration) -> Self {
        Self {
            provider,
            load_timeout,
            cached: Mutex::new(None),
        }
    }

    /// Credentials that have not expired: the cached ones while they are
    /// outside the refresh margin; inside it, the provider is asked once
    /// (its failure keeps the cached ones) and the result used until expiry.
    pub(crate) async fn get(&self) -> Result<Credentials, LoadFailure> {
        let mut cached = self.cached.lock().await;
        let now = SystemTime::now();
        if let Some(entry) = cached.as_mut().filter(|c| !is_expired(&c.credentials, now)) {
            if entry.refreshed_early || is_fresh(&entry.credentials, now) {
                return Ok(entry.credentials.clone());
            }
            entry.refreshed_early = true;
            match self.load().await {
                Ok(credentials) => *entry = Cached::new(credentials, now),
                Err(failure) => {
                    tracing::debug!(
                        ?failure,
                        "early credentials refresh failed; using the cached ones"
                    );
                }
            }
            return Ok(entry.credentials.clone());
        }
        let credentials = self.load().await?;
        *cached = Some(Cached::new(credentials.clone(), now));
        Ok(credentials)
    }

    async fn load(&self) -> Result<Credentials, LoadFailure> {
        match tokio::time::timeout(self.load_timeout, self.provider.provide_credentials()).await {
            Ok(loaded) => loaded.map_err(LoadFailure::Provider),
            Err(_) => Err(LoadFailure::TimedOut(self.load_timeout)),
        }
    }
}

impl Cached {
    fn new(credentials: Credentials, now: SystemTime) -> Self {
        let refreshed_early = !is_fresh(&credentials, now);
        Self {
            credentials,
            refreshed_early,
        }
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

fn is_expired(credentials: &Credentials, now: SystemTime) -> bool {
    credentials.expiry().is_some_and(|expiry| expiry <= now)
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
        (
            CachedCredentials::new(provider, DEFAULT_CREDENTIALS_LOAD_TIMEOUT),
            fetches,
        )
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
    async fn credentials_that_arrive_inside_the_margin_are_used_until_they_expire() {
        let (cache, fetches) = counting_cache(Some(REFRESH_BEFORE_EXPIRY - Duration::from_secs(1)));
        for _ in 0..200 {
            assert_eq!(cache.get().await.unwrap().access_key_id(), "AKID0");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn credentials_that_enter_the_margin_are_refreshed_once() {
        let (cache, fetches) = counting_cache(Some(REFRESH_BEFORE_EXPIRY - Duration::from_secs(1)));
        // As if fetched long enough ago to be outside the margin then.
        *cache.cached.lock().await = Some(Cached {
            credentials: Credentials::new(
                "OLD",
                "secret",
                None,
                Some(SystemTime::now() + REFRESH_BEFORE_EXPIRY - Duration::from_secs(2)),
                "old",
            ),
            refreshed_early: false,
        });
        for _ in 0..50 {
            assert_eq!(cache.get().await.unwrap().access_key_id(), "AKID0");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_failed_early_refresh_keeps_the_cached_credentials_and_is_not_repeated() {
        let fetches = Arc::new(AtomicUsize::new(0));
        let counted = fetches.clone();
        let failing = aws_credential_types::credential_fn::provide_credentials_fn(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            async { Err(CredentialsError::not_loaded("offline")) }
        });
        let cache = CachedCredentials::new(
            SharedCredentialsProvider::new(failing),
            DEFAULT_CREDENTIALS_LOAD_TIMEOUT,
        );
        let expiring = SystemTime::now() + Duration::from_secs(60);
        *cache.cached.lock().await = Some(Cached {
            credentials: Credentials::new("OLD", "secret", None, Some(expiring), "old"),
            refreshed_early: false,
        });
        for _ in 0..5 {
            assert_eq!(cache.get().await.unwrap().access_key_id(), "OLD");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn expired_credentials_are_fetched_again() {
        let (cache, fetches) = counting_cache(Some(Duration::from_secs(3600)));
        *cache.cached.lock().await = Some(Cached {
            credentials: Credentials::new(
                "EXPIRED",
                "secret",
                None,
                Some(SystemTime::now() - Duration::from_secs(1)),
                "old",
            ),
            refreshed_early: true,
        });
        assert_eq!(cache.get().await.unwrap().access_key_id(), "AKID0");
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn a_provider_that_never_answers_times_out() {
        let never = aws_credential_types::credential_fn::provide_credentials_fn(|| {
            std::future::pending::<aws_credential_types::provider::Result>()
        });
        let cache = CachedCredentials::new(
            SharedCredentialsProvider::new(never),
            Duration::from_secs(5),
        );
        match cache.get().await {
            Err(LoadFailure::TimedOut(limit)) => assert_eq!(limit, Duration::from_secs(5)),
            other => panic!("expected a timeout, got {other:?}"),
        }
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
        // Five minutes, as the AWS SDKs' identity cache: four are inside it.
        assert!(!is_fresh(&expiring(Duration::from_secs(4 * 60)), now));
        assert!(is_fresh(&expiring(Duration::from_secs(5 * 60 + 1)), now));
        let expired = Credentials::new("a", "s", None, Some(now - Duration::from_secs(1)), "t");
        assert!(!is_fresh(&expired, now));
        assert!(is_expired(&expired, now));
        assert!(is_expired(&expiring(Duration::ZERO), now));
        assert!(!is_expired(&expiring(Duration::from_secs(1)), now));
        assert!(!is_expired(
            &Credentials::new("a", "s", None, None, "t"),
            now
        ));
    }
}
