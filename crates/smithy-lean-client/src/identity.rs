//! Identities, fetched once and reused until shortly before they expire:
//! credentials for SigV4, and tokens for bearer authentication.
//!
//! Providers from `aws-config` (SSO, assumed roles, instance metadata) make
//! a network request each time they are asked; the AWS SDKs put an identity
//! cache in front of them, and so does this client. One refresh runs at a
//! time: calls that need an identity while it runs wait for its result.

use aws_credential_types::Credentials;
use aws_credential_types::Token;
use aws_credential_types::provider::error::{CredentialsError, TokenError};
use aws_credential_types::provider::token::{ProvideToken, SharedTokenProvider};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use std::future::Future;
use std::time::{Duration, SystemTime};
use tokio::sync::Mutex;

/// What a provider hands out, and until when it may be used.
pub(crate) trait Identity: Clone + Send + Sync {
    /// When it expires; `None` for never.
    fn expiry(&self) -> Option<SystemTime>;
}

impl Identity for Credentials {
    fn expiry(&self) -> Option<SystemTime> {
        Credentials::expiry(self)
    }
}

impl Identity for Token {
    fn expiry(&self) -> Option<SystemTime> {
        self.expiration()
    }
}

/// A provider of one kind of identity, as `aws-credential-types` defines them.
pub(crate) trait Provider: Send + Sync + std::fmt::Debug {
    type Identity: Identity;
    type Error: std::error::Error + Send + Sync + 'static;

    fn provide(&self) -> impl Future<Output = Result<Self::Identity, Self::Error>> + Send;
}

impl Provider for SharedCredentialsProvider {
    type Identity = Credentials;
    type Error = CredentialsError;

    fn provide(&self) -> impl Future<Output = Result<Credentials, CredentialsError>> + Send {
        self.provide_credentials()
    }
}

impl Provider for SharedTokenProvider {
    type Identity = Token;
    type Error = TokenError;

    fn provide(&self) -> impl Future<Output = Result<Token, TokenError>> + Send {
        self.provide_token()
    }
}

/// Identities are refreshed this long before they expire, so that none
/// expires between signing and the service checking the request.
pub(crate) const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// How long a provider may take to hand out credentials or a token, as in
/// the AWS SDKs' identity cache: a provider that never answers cannot hold
/// a call.
pub const DEFAULT_CREDENTIALS_LOAD_TIMEOUT: Duration = Duration::from_secs(5);

/// Why no identity could be had.
#[derive(Debug)]
pub(crate) enum LoadFailure<E> {
    /// The provider said why.
    Provider(E),
    /// The provider took longer than this.
    TimedOut(Duration),
}

/// A provider with its last identity.
#[derive(Debug)]
pub(crate) struct IdentityCache<P: Provider> {
    provider: P,
    load_timeout: Duration,
    cached: Mutex<Option<Cached<P::Identity>>>,
}

/// Credentials for SigV4, cached.
pub(crate) type CachedCredentials = IdentityCache<SharedCredentialsProvider>;
/// Tokens for bearer authentication, cached.
pub(crate) type CachedToken = IdentityCache<SharedTokenProvider>;

#[derive(Debug)]
struct Cached<I> {
    identity: I,
    /// Whether this identity, inside the refresh margin, has had its one
    /// early refresh. One that arrives inside the margin counts as
    /// refreshed: it is the freshest the provider has.
    refreshed_early: bool,
}

impl<P: Provider> IdentityCache<P> {
    pub(crate) fn new(provider: P, load_timeout: Duration) -> Self {
        Self {
            provider,
            load_timeout,
            cached: Mutex::new(None),
        }
    }

    /// An identity that has not expired: the cached one while it is
    /// outside the refresh margin; inside it, the provider is asked once
    /// (its failure keeps the cached one) and the result used until expiry.
    pub(crate) async fn get(&self) -> Result<P::Identity, LoadFailure<P::Error>> {
        let mut cached = self.cached.lock().await;
        let now = SystemTime::now();
        if let Some(entry) = cached.as_mut().filter(|c| !is_expired(&c.identity, now)) {
            if entry.refreshed_early || is_fresh(&entry.identity, now) {
                return Ok(entry.identity.clone());
            }
            entry.refreshed_early = true;
            match self.load().await {
                Ok(identity) => *entry = Cached::new(identity, now),
                Err(failure) => {
                    tracing::debug!(
                        failure = %describe(&failure),
                        "early identity refresh failed; using the cached one"
                    );
                }
            }
            return Ok(entry.identity.clone());
        }
        let identity = self.load().await?;
        *cached = Some(Cached::new(identity.clone(), now));
        Ok(identity)
    }

    async fn load(&self) -> Result<P::Identity, LoadFailure<P::Error>> {
        match tokio::time::timeout(self.load_timeout, self.provider.provide()).await {
            Ok(loaded) => loaded.map_err(LoadFailure::Provider),
            Err(_) => Err(LoadFailure::TimedOut(self.load_timeout)),
        }
    }
}

/// A failure for the log: the provider's own words, or the time it took.
fn describe<E: std::error::Error>(failure: &LoadFailure<E>) -> String {
    match failure {
        LoadFailure::Provider(e) => e.to_string(),
        LoadFailure::TimedOut(limit) => format!("timed out after {limit:?}"),
    }
}

impl<I: Identity> Cached<I> {
    fn new(identity: I, now: SystemTime) -> Self {
        let refreshed_early = !is_fresh(&identity, now);
        Self {
            identity,
            refreshed_early,
        }
    }
}

fn is_fresh(identity: &impl Identity, now: SystemTime) -> bool {
    match identity.expiry() {
        None => true,
        Some(expiry) => expiry
            .duration_since(now)
            .is_ok_and(|left| left > REFRESH_BEFORE_EXPIRY),
    }
}

fn is_expired(identity: &impl Identity, now: SystemTime) -> bool {
    identity.expiry().is_some_and(|expiry| expiry <= now)
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
            identity: Credentials::new(
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
            identity: Credentials::new("OLD", "secret", None, Some(expiring), "old"),
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
            identity: Credentials::new(
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
