//! Client configuration.

use crate::interceptor::{Interceptor, SharedInterceptor};
use crate::token::{IdempotencyTokenProvider, SharedTokenProvider};
use aws_credential_types::provider::token::{
    ProvideToken, SharedTokenProvider as BearerTokenProvider,
};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::http::{HttpConnector, SharedHttpConnector};
use aws_smithy_runtime_api::client::stalled_stream_protection::StalledStreamProtectionConfig;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use aws_types::SdkConfig;
use aws_types::region::Region;
use smithy_lean_runtime::endpoint::ContextValue;
use std::time::Duration;

/// The connect timeout when none is configured, as in the AWS SDKs.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// How long a response may make no progress before its attempt fails, when
/// stalled-stream protection is not configured otherwise.
pub const DEFAULT_STALL_GRACE_PERIOD: Duration = Duration::from_secs(5);

/// How a client ([`Handle`](crate::Handle)) reaches, signs for and retries against
/// the service. Built with [`Config::builder`] or from an
/// [`SdkConfig`] with [`Config::from_sdk_config`].
///
/// ```
/// use aws_smithy_types::{retry::RetryConfig, timeout::TimeoutConfig};
/// use std::time::Duration;
///
/// let config = smithy_lean_client::Config::builder()
///     .region(smithy_lean_client::Region::new("eu-west-1"))
///     .credentials_provider(aws_credential_types::Credentials::for_tests())
///     .retry_config(RetryConfig::standard().with_max_attempts(5))
///     .timeout_config(
///         TimeoutConfig::builder()
///             .operation_attempt_timeout(Duration::from_secs(5))
///             .operation_timeout(Duration::from_secs(30))
///             .build(),
///     )
///     .build();
/// assert_eq!(config.retry_config().max_attempts(), 5);
/// // Unset in the TimeoutConfig, so the default stays.
/// assert_eq!(config.timeout_config().connect_timeout(), Some(smithy_lean_client::DEFAULT_CONNECT_TIMEOUT));
/// ```
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<Region>,
    pub(crate) credentials: Option<SharedCredentialsProvider>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) stalled_stream: StalledStreamProtectionConfig,
    pub(crate) credentials_load_timeout: Duration,
    pub(crate) http_connector: Option<SharedHttpConnector>,
    pub(crate) idempotency_tokens: SharedTokenProvider,
    /// Where bearer tokens come from, for a service that takes them
    /// (`@httpBearerAuth`).
    pub(crate) bearer_tokens: Option<BearerTokenProvider>,
    pub(crate) validate_input: bool,
    pub(crate) disable_host_prefix: bool,
    pub(crate) disable_request_compression: bool,
    pub(crate) request_min_compression_size: u32,
    pub(crate) max_response_body: usize,
    /// Values of the service's own endpoint parameters
    /// (`smithy.rules#clientContextParams`), by their rule-set names.
    pub(crate) endpoint_parameters: Vec<(String, ContextValue)>,
    /// The `SdkConfig` this was built from, for what depends on the
    /// service: its own endpoint URL in the environment and profile.
    pub(crate) sdk_config: Option<SdkConfig>,
    /// The behaviour version asked for, as the AWS SDKs take one; this
    /// client has one behaviour, the newest, whatever it is.
    pub(crate) behavior_version: Option<BehaviorVersion>,
    /// Hooks into every attempt, in the order they were added.
    pub(crate) interceptors: Vec<SharedInterceptor>,
    /// With rules, calls are answered by them and nothing is sent.
    #[cfg(feature = "test-util")]
    pub(crate) mock_rules: Option<std::sync::Arc<[crate::mock::Rule]>>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A URL with user information is refused, but is still held here.
        let endpoint_url = self
            .endpoint_url
            .as_deref()
            .map(crate::endpoint::without_user_info);
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("stalled_stream", &self.stalled_stream)
            .field("credentials_load_timeout", &self.credentials_load_timeout)
            .field("http_connector", &self.http_connector)
            .field("idempotency_tokens", &self.idempotency_tokens)
            .field("bearer_tokens", &self.bearer_tokens)
            .field("validate_input", &self.validate_input)
            .field("disable_host_prefix", &self.disable_host_prefix)
            .field(
                "disable_request_compression",
                &self.disable_request_compression,
            )
            .field(
                "request_min_compression_size",
                &self.request_min_compression_size,
            )
            .field("max_response_body", &self.max_response_body)
            .field("endpoint_parameters", &self.endpoint_parameters)
            .field("from_sdk_config", &self.sdk_config.is_some())
            .field("behavior_version", &self.behavior_version)
            .field("interceptors", &self.interceptors.len())
            .finish()
    }
}

impl Config {
    /// A builder with nothing set: standard retries (3 attempts), a 3.1 s
    /// connect timeout, stalled-stream protection with a 5 s grace period,
    /// a 5 s limit on loading credentials, random version-4 UUID tokens,
    /// validation off.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The settings an [`SdkConfig`] carries: region, credentials, endpoint
    /// URL, FIPS and dual-stack flags, retry and timeout settings.
    ///
    /// The `SdkConfig`'s HTTP client is not used: it can only be driven by
    /// the AWS SDK's orchestrator. This client uses its own pooled HTTPS
    /// connector, or the one given to [`ConfigBuilder::http_connector`].
    pub fn from_sdk_config(sdk: &SdkConfig) -> Self {
        Self::builder().apply_sdk_config(sdk).build()
    }

    /// A builder holding this configuration, to change some of it.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            config: self.clone(),
            set: 0,
        }
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
    }

    /// The endpoint URL set with [`ConfigBuilder::endpoint_url`], if any.
    /// Without one, a client made from an `SdkConfig` takes the service's
    /// own from it, else its global one.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The endpoint URL for `service`: the one set explicitly; else, from
    /// the `SdkConfig` this was built from, the service's own
    /// (`AWS_ENDPOINT_URL_<SERVICE>`, the profile's `services` section, as
    /// `aws-config` resolves them), else its global one.
    pub(crate) fn endpoint_url_for(&self, service: &crate::Service) -> Option<String> {
        if let Some(url) = &self.endpoint_url {
            return Some(url.clone());
        }
        let sdk = self.sdk_config.as_ref()?;
        let service_specific = sdk.service_config().and_then(|loader| {
            let key = aws_types::service_config::ServiceConfigKey::builder()
                .service_id(service.sdk_id)
                .env("AWS_ENDPOINT_URL")
                .profile("endpoint_url")
                .build()
                .ok()?;
            loader.load_config(key)
        });
        service_specific.or_else(|| sdk.endpoint_url().map(str::to_owned))
    }

    /// The retry settings.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeout settings.
    pub fn timeout_config(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// The stalled-stream protection settings.
    pub fn stalled_stream_protection(&self) -> &StalledStreamProtectionConfig {
        &self.stalled_stream
    }

    /// How long a credentials provider may take.
    pub fn credentials_load_timeout(&self) -> Duration {
        self.credentials_load_timeout
    }

    /// The grace period of stalled-stream protection, `None` when it is off.
    pub(crate) fn stall_grace(&self) -> Option<Duration> {
        self.stalled_stream
            .download_enabled()
            .then(|| self.stalled_stream.grace_period())
    }

    /// Whether inputs are checked against the model's constraints before sending.
    pub fn validates_input(&self) -> bool {
        self.validate_input
    }

    /// Whether request bodies go uncompressed even where the model accepts
    /// them compressed (`@requestCompression`).
    pub fn disable_request_compression(&self) -> bool {
        self.disable_request_compression
    }

    /// The smallest request body compressed where the model accepts one
    /// compressed, in bytes.
    pub fn request_min_compression_size_bytes(&self) -> u32 {
        self.request_min_compression_size
    }

    /// The largest response body read whole, in bytes; a larger one fails
    /// the call unread. A streaming output's body is the caller's to read
    /// and has no such bound.
    pub fn max_response_body_size(&self) -> usize {
        self.max_response_body
    }

    /// The values set for the service's own endpoint parameters, by their
    /// rule-set names.
    pub fn endpoint_parameters(&self) -> &[(String, ContextValue)] {
        &self.endpoint_parameters
    }

    /// The behaviour version set with [`ConfigBuilder::behavior_version`]
    /// (or taken from an `SdkConfig`), if any.
    pub fn behavior_version(&self) -> Option<BehaviorVersion> {
        self.behavior_version
    }

    /// This configuration with what `over` sets in place of its own
    /// settings, for one call (`customize().config_override(..)`): what
    /// `over` leaves unset stays as it is; its endpoint parameters and
    /// interceptors are added to these.
    pub(crate) fn overridden_by(&self, over: ConfigBuilder) -> (Config, Overridden) {
        let set = over.set;
        let over = over.config;
        let mut config = self.clone();
        let changed = |setting: Setting| set & setting.bit() != 0;
        macro_rules! take {
            ($($setting:ident => $field:ident),* $(,)?) => {
                $(if changed(Setting::$setting) {
                    config.$field = over.$field.clone();
                })*
            };
        }
        take!(
            Region => region,
            Credentials => credentials,
            BearerTokens => bearer_tokens,
            EndpointUrl => endpoint_url,
            UseFips => use_fips,
            UseDualStack => use_dual_stack,
            Retry => retry,
            Timeouts => timeouts,
            StalledStream => stalled_stream,
            CredentialsLoadTimeout => credentials_load_timeout,
            HttpConnector => http_connector,
            IdempotencyTokens => idempotency_tokens,
            ValidateInput => validate_input,
            DisableHostPrefix => disable_host_prefix,
            DisableRequestCompression => disable_request_compression,
            RequestMinCompressionSize => request_min_compression_size,
            MaxResponseBody => max_response_body,
            SdkConfig => sdk_config,
            BehaviorVersion => behavior_version,
        );
        #[cfg(feature = "test-util")]
        take!(MockRules => mock_rules);
        // A whole configuration replaces these too; a builder adds to them.
        if set == WHOLE {
            config.endpoint_parameters.clear();
            config.interceptors.clear();
        }
        for (name, value) in &over.endpoint_parameters {
            config.endpoint_parameters.retain(|(set, _)| set != name);
            config
                .endpoint_parameters
                .push((name.clone(), value.clone()));
        }
        config
            .interceptors
            .extend(over.interceptors.iter().cloned());
        let any = |settings: &[Setting]| settings.iter().any(|s| changed(*s));
        let overridden = Overridden {
            endpoint: any(&[
                Setting::Region,
                Setting::EndpointUrl,
                Setting::UseFips,
                Setting::UseDualStack,
                Setting::SdkConfig,
            ]) || !over.endpoint_parameters.is_empty(),
            connector: any(&[Setting::HttpConnector, Setting::Timeouts]),
            credentials: any(&[Setting::Credentials, Setting::CredentialsLoadTimeout]),
            bearer_tokens: any(&[Setting::BearerTokens, Setting::CredentialsLoadTimeout]),
        };
        (config, overridden)
    }
}

/// What a call's configuration override changed that a client works out
/// from its configuration once: these are worked out anew for the call,
/// the rest is shared with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Overridden {
    /// Where requests go: the endpoint, resolved again.
    pub(crate) endpoint: bool,
    /// How they are sent: a connector of its own.
    pub(crate) connector: bool,
    /// Who signs them: a credentials cache of its own.
    pub(crate) credentials: bool,
    /// Which bearer tokens they carry: a token cache of its own.
    pub(crate) bearer_tokens: bool,
}

/// A setting a [`ConfigBuilder`] was given, so that an override replaces
/// only what it sets.
#[derive(Debug, Clone, Copy)]
enum Setting {
    Region,
    Credentials,
    BearerTokens,
    EndpointUrl,
    UseFips,
    UseDualStack,
    Retry,
    Timeouts,
    StalledStream,
    CredentialsLoadTimeout,
    HttpConnector,
    IdempotencyTokens,
    ValidateInput,
    DisableHostPrefix,
    DisableRequestCompression,
    RequestMinCompressionSize,
    MaxResponseBody,
    SdkConfig,
    BehaviorVersion,
    #[cfg(feature = "test-util")]
    MockRules,
}

impl Setting {
    fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// Builds a [`Config`].
#[derive(Debug)]
pub struct ConfigBuilder {
    config: Config,
    /// The settings given to this builder (a bit per [`Setting`]), which
    /// are what it overrides where it is a call's override.
    set: u32,
}

/// The settings of a builder made from a whole [`Config`]: all of them.
const WHOLE: u32 = u32::MAX;

impl From<Config> for ConfigBuilder {
    /// A builder that sets every setting of `config`: as a call's
    /// override, it replaces the client's configuration whole, its
    /// endpoint parameters and interceptors too.
    fn from(config: Config) -> Self {
        ConfigBuilder { config, set: WHOLE }
    }
}

impl From<&SdkConfig> for ConfigBuilder {
    /// A builder with every setting of the `SdkConfig`, as
    /// [`ConfigBuilder::apply_sdk_config`] takes them.
    fn from(sdk: &SdkConfig) -> Self {
        ConfigBuilder::default().apply_sdk_config(sdk)
    }
}

impl Default for ConfigBuilder {
    fn default() -> Self {
        Self {
            config: Config {
                region: None,
                credentials: None,
                endpoint_url: None,
                use_fips: false,
                use_dual_stack: false,
                retry: RetryConfig::standard(),
                timeouts: TimeoutConfig::builder()
                    .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
                    .build(),
                stalled_stream: StalledStreamProtectionConfig::enabled()
                    .grace_period(DEFAULT_STALL_GRACE_PERIOD)
                    .build(),
                credentials_load_timeout: crate::identity::DEFAULT_CREDENTIALS_LOAD_TIMEOUT,
                http_connector: None,
                idempotency_tokens: SharedTokenProvider::default(),
                bearer_tokens: None,
                validate_input: false,
                disable_host_prefix: false,
                disable_request_compression: false,
                request_min_compression_size: crate::compression::DEFAULT_MIN_COMPRESSION_SIZE,
                max_response_body: crate::MAX_RESPONSE_BODY,
                endpoint_parameters: Vec::new(),
                sdk_config: None,
                behavior_version: None,
                interceptors: Vec::new(),
                #[cfg(feature = "test-util")]
                mock_rules: None,
            },
            set: 0,
        }
    }
}

impl ConfigBuilder {
    /// Takes every setting an [`SdkConfig`] has (region, credentials,
    /// endpoint URL, FIPS and dual-stack flags, retry, timeout,
    /// stalled-stream and request-compression settings); what it leaves
    /// unset keeps this builder's value.
    pub fn apply_sdk_config(mut self, sdk: &SdkConfig) -> Self {
        if let Some(region) = sdk.region() {
            self = self.region(region.clone());
        }
        if let Some(credentials) = sdk.credentials_provider() {
            self.config.credentials = Some(credentials);
            self.mark(Setting::Credentials);
        }
        if let Some(tokens) = sdk.token_provider() {
            self.config.bearer_tokens = Some(tokens);
            self.mark(Setting::BearerTokens);
        }
        // The endpoint URL depends on the service (`AWS_ENDPOINT_URL_<ID>`,
        // the profile's `services` section), which is known when a client
        // is made: it is looked up then, unless one is set explicitly.
        self.config.sdk_config = Some(sdk.clone());
        self.mark(Setting::SdkConfig);
        if let Some(fips) = sdk.use_fips() {
            self = self.use_fips(fips);
        }
        if let Some(dual_stack) = sdk.use_dual_stack() {
            self = self.use_dual_stack(dual_stack);
        }
        if let Some(retry) = sdk.retry_config() {
            self = self.retry_config(retry.clone());
        }
        if let Some(timeouts) = sdk.timeout_config() {
            let mut timeouts = timeouts.clone();
            timeouts.take_defaults_from(&self.config.timeouts);
            self.config.timeouts = timeouts;
            self.mark(Setting::Timeouts);
        }
        if let Some(stalled_stream) = sdk.stalled_stream_protection() {
            self = self.stalled_stream_protection(stalled_stream);
        }
        if let Some(disable) = sdk.disable_request_compression() {
            self = self.disable_request_compression(disable);
        }
        if let Some(bytes) = sdk.request_min_compression_size_bytes() {
            self = self.request_min_compression_size_bytes(bytes);
        }
        if let Some(version) = sdk.behavior_version() {
            self = self.behavior_version(version);
        }
        self
    }

    fn mark(&mut self, setting: Setting) {
        self.set |= setting.bit();
    }

    /// This builder, then `later` over it: what `later` sets wins, and it
    /// sets what either sets.
    pub(crate) fn then(self, later: ConfigBuilder) -> ConfigBuilder {
        let set = self.set | later.set;
        let (config, _) = self.config.overridden_by(later);
        ConfigBuilder { config, set }
    }

    /// Accepted as the AWS SDKs take it, so that code written for them
    /// compiles; this client has one behaviour, the newest, whichever
    /// version is named.
    pub fn behavior_version(mut self, version: BehaviorVersion) -> Self {
        self.config.behavior_version = Some(version);
        self.mark(Setting::BehaviorVersion);
        self
    }

    /// Adds a hook into every attempt of every call (see [`Interceptor`]),
    /// after those added before.
    pub fn interceptor(mut self, interceptor: impl Interceptor) -> Self {
        self.config
            .interceptors
            .push(SharedInterceptor::new(interceptor));
        self
    }

    /// The region whose endpoint to use (every region of the `aws`
    /// partition reaches the global endpoint in `us-east-1`).
    pub fn region(mut self, region: impl Into<Region>) -> Self {
        self.config.region = Some(region.into());
        self.mark(Setting::Region);
        self
    }

    /// Where credentials come from: any `aws-credential-types` provider,
    /// such as `aws_credential_types::Credentials` itself.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(SharedCredentialsProvider::new(provider));
        self.mark(Setting::Credentials);
        self
    }

    /// Where bearer tokens come from, for a service whose model
    /// authenticates with them (`@httpBearerAuth`, such as CodeCatalyst's):
    /// any `aws-credential-types` token provider, such as an
    /// `aws_credential_types::Token` itself, or `aws-config`'s SSO token
    /// provider. Tokens are cached until shortly before they expire, as
    /// credentials are.
    pub fn token_provider(mut self, provider: impl ProvideToken + 'static) -> Self {
        self.config.bearer_tokens = Some(BearerTokenProvider::new(provider));
        self.mark(Setting::BearerTokens);
        self
    }

    /// Sends requests to this URL instead of the resolved endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self.mark(Setting::EndpointUrl);
        self
    }

    /// Uses FIPS endpoints; resolution fails where there are none.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self.mark(Setting::UseFips);
        self
    }

    /// Uses dual-stack (IPv4 and IPv6) endpoints; resolution fails where
    /// there are none.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self.mark(Setting::UseDualStack);
        self
    }

    /// Retry settings: attempts, backoff. `RetryConfig::disabled()` sends once.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self.mark(Setting::Retry);
        self
    }

    /// Timeouts: connect, the wait for a response head (`read_timeout`),
    /// per attempt (`operation_attempt_timeout`) and whole call
    /// (`operation_timeout`). An unset connect timeout keeps the 3.1 s
    /// default; other unset limits are no limits, but stalled-stream
    /// protection still bounds a response that stops coming.
    ///
    /// The connect and read timeouts apply to the built-in connector; one
    /// given to [`http_connector`](Self::http_connector) has its own.
    pub fn timeout_config(mut self, timeouts: TimeoutConfig) -> Self {
        let mut timeouts = timeouts;
        timeouts.take_defaults_from(&Config::builder().config.timeouts);
        self.config.timeouts = timeouts;
        self.mark(Setting::Timeouts);
        self
    }

    /// Fails an attempt whose response makes no progress for a grace period
    /// (5 s by default), as a retryable timeout: a head that does not come
    /// within the connect timeout plus the grace period, a body silent for
    /// the grace period, or one slower than
    /// [`MIN_BODY_THROUGHPUT`](crate::MIN_BODY_THROUGHPUT) after it.
    /// `StalledStreamProtectionConfig::disabled()` turns it off; the
    /// upload setting does not apply, as request bodies are sent whole.
    ///
    /// ```
    /// use aws_smithy_runtime_api::client::stalled_stream_protection::StalledStreamProtectionConfig;
    /// use std::time::Duration;
    ///
    /// let config = smithy_lean_client::Config::builder()
    ///     .stalled_stream_protection(
    ///         StalledStreamProtectionConfig::enabled().grace_period(Duration::from_secs(2)).build(),
    ///     )
    ///     .build();
    /// assert_eq!(config.stalled_stream_protection().grace_period(), Duration::from_secs(2));
    /// ```
    pub fn stalled_stream_protection(mut self, config: StalledStreamProtectionConfig) -> Self {
        self.config.stalled_stream = config;
        self.mark(Setting::StalledStream);
        self
    }

    /// How long a credentials provider may take to answer (5 s by default).
    /// An attempt timeout, when shorter, ends the wait first.
    pub fn credentials_load_timeout(mut self, limit: Duration) -> Self {
        self.config.credentials_load_timeout = limit;
        self.mark(Setting::CredentialsLoadTimeout);
        self
    }

    /// Sends through this connector instead of the built-in pooled
    /// HTTPS connector (hyper 1 and rustls). Its connect timeout is then its own.
    pub fn http_connector(mut self, connector: impl HttpConnector + 'static) -> Self {
        self.config.http_connector = Some(SharedHttpConnector::new(connector));
        self.mark(Setting::HttpConnector);
        self
    }

    /// Makes the tokens of calls that set none; fixed or seeded ones make
    /// tests repeatable.
    pub fn idempotency_token_provider(
        mut self,
        provider: impl IdempotencyTokenProvider + 'static,
    ) -> Self {
        self.config.idempotency_tokens = SharedTokenProvider::new(provider);
        self.mark(Setting::IdempotencyTokens);
        self
    }

    /// Checks every input against the model's constraints (lengths,
    /// patterns) before sending, and refuses it with all violations. Off by
    /// default: the service is the authority on its constraints, and they
    /// may be relaxed there before this client is updated.
    pub fn validate_input(mut self, validate: bool) -> Self {
        self.config.validate_input = validate;
        self.mark(Setting::ValidateInput);
        self
    }

    /// Stops putting an operation's host prefix (such as `identity-`) in front of
    /// the endpoint's host, for endpoints that do not expect it.
    pub fn disable_host_prefix(mut self, disable: bool) -> Self {
        self.config.disable_host_prefix = disable;
        self.mark(Setting::DisableHostPrefix);
        self
    }

    /// Sends request bodies uncompressed even where the model accepts them
    /// compressed (`@requestCompression`); they are gzipped by default.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.config.disable_request_compression = disable;
        self.mark(Setting::DisableRequestCompression);
        self
    }

    /// Compresses only request bodies of at least `bytes` (10 KiB unless
    /// set, [`DEFAULT_MIN_COMPRESSION_SIZE`](crate::DEFAULT_MIN_COMPRESSION_SIZE)),
    /// where the model accepts them compressed.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.config.request_min_compression_size = bytes;
        self.mark(Setting::RequestMinCompressionSize);
        self
    }

    /// Reads response bodies whole only up to `bytes`
    /// ([`MAX_RESPONSE_BODY`](crate::MAX_RESPONSE_BODY), 64 MiB, unless
    /// set): a larger body fails the call unread, whatever the peer sends.
    pub fn max_response_body_size(mut self, bytes: usize) -> Self {
        self.config.max_response_body = bytes;
        self.mark(Setting::MaxResponseBody);
        self
    }

    /// Sets the service's own endpoint parameter `name` (one of its
    /// `smithy.rules#clientContextParams`, by its rule-set name) for every
    /// call, over any earlier value; an operation's own value for it wins.
    /// A generated client has a typed setter for each (its
    /// `config::EndpointParameters` trait), which calls this.
    pub fn endpoint_parameter(mut self, name: impl Into<String>, value: ContextValue) -> Self {
        let name = name.into();
        self.config
            .endpoint_parameters
            .retain(|(set, _)| *set != name);
        self.config.endpoint_parameters.push((name, value));
        self
    }

    /// Answers every call from these rules instead of the network (see
    /// [`mock`](crate::mock)): for a caller's own tests.
    #[cfg(feature = "test-util")]
    pub fn mock_rules(mut self, rules: impl IntoIterator<Item = crate::mock::Rule>) -> Self {
        self.config.mock_rules = Some(rules.into_iter().collect());
        self.mark(Setting::MockRules);
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_parameter_set_again_takes_the_new_value() {
        let config = Config::builder()
            .endpoint_parameter("Plane", ContextValue::String("edge".into()))
            .endpoint_parameter("Verbose", ContextValue::Boolean(true))
            .endpoint_parameter("Plane", ContextValue::String("core".into()))
            .build();
        assert_eq!(
            config.endpoint_parameters(),
            [
                ("Verbose".to_owned(), ContextValue::Boolean(true)),
                ("Plane".to_owned(), ContextValue::String("core".into())),
            ]
        );
        assert!(format!("{config:?}").contains("endpoint_parameters: [(\"Verbose\""));
        assert!(Config::builder().build().endpoint_parameters().is_empty());
    }

    #[test]
    fn an_override_replaces_only_what_it_sets() {
        struct Hook;
        impl Interceptor for Hook {}
        let client = Config::builder()
            .region(Region::new("eu-west-1"))
            .retry_config(RetryConfig::standard().with_max_attempts(5))
            .validate_input(true)
            .endpoint_parameter("Plane", ContextValue::String("edge".into()))
            .interceptor(Hook)
            .build();
        let (config, changed) = client.overridden_by(
            Config::builder()
                .retry_config(RetryConfig::disabled())
                .endpoint_parameter("Verbose", ContextValue::Boolean(true))
                .interceptor(Hook),
        );
        assert_eq!(config.retry_config().max_attempts(), 1);
        assert_eq!(config.region().map(|r| r.as_ref()), Some("eu-west-1"));
        assert!(config.validates_input(), "unset in the override");
        assert_eq!(config.endpoint_parameters().len(), 2);
        assert_eq!(config.interceptors.len(), 2);
        assert_eq!(
            changed,
            Overridden {
                endpoint: true,
                connector: false,
                credentials: false,
                bearer_tokens: false,
            },
            "endpoint parameters change the endpoint"
        );
        // Each setting that decides what a client works out once says so.
        let flags = |over: ConfigBuilder| client.overridden_by(over).1;
        assert!(flags(Config::builder().region(Region::new("us-west-2"))).endpoint);
        assert!(flags(Config::builder().endpoint_url("http://h")).endpoint);
        assert!(flags(Config::builder().use_fips(true)).endpoint);
        assert!(flags(Config::builder().use_dual_stack(true)).endpoint);
        assert!(flags(Config::builder().timeout_config(TimeoutConfig::disabled())).connector);
        assert!(
            flags(
                Config::builder()
                    .credentials_provider(aws_credential_types::Credentials::for_tests())
            )
            .credentials
        );
        let load = flags(Config::builder().credentials_load_timeout(Duration::from_secs(1)));
        assert!(load.credentials && load.bearer_tokens && !load.endpoint);
        assert_eq!(
            flags(Config::builder().validate_input(false)),
            Overridden {
                endpoint: false,
                connector: false,
                credentials: false,
                bearer_tokens: false,
            }
        );
        let (config, _) = client.overridden_by(Config::builder().validate_input(false));
        assert!(!config.validates_input());
        // A whole configuration replaces every setting.
        let (config, _) = client.overridden_by(Config::builder().build().into());
        assert_eq!(config.region(), None);
        assert!(config.interceptors.is_empty() && config.endpoint_parameters().is_empty());
        // The client's own, given again whole, are not doubled.
        let (config, _) = client.overridden_by(client.clone().into());
        assert_eq!(config.interceptors.len(), 1);
        assert_eq!(config.endpoint_parameters().len(), 1);
        // Two overrides: the later wins where both set.
        let both = Config::builder()
            .validate_input(false)
            .max_response_body_size(7)
            .then(Config::builder().max_response_body_size(9));
        let (config, _) = client.overridden_by(both);
        assert!(!config.validates_input());
        assert_eq!(config.max_response_body_size(), 9);
    }

    #[test]
    fn request_compression_is_on_by_default_and_taken_from_an_sdk_config() {
        let config = Config::builder().build();
        assert!(!config.disable_request_compression());
        assert_eq!(
            config.request_min_compression_size_bytes(),
            crate::DEFAULT_MIN_COMPRESSION_SIZE
        );
        let sdk = SdkConfig::builder()
            .disable_request_compression(true)
            .request_min_compression_size_bytes(128)
            .build();
        let config = Config::from_sdk_config(&sdk);
        assert!(config.disable_request_compression());
        assert_eq!(config.request_min_compression_size_bytes(), 128);
        // What an SdkConfig leaves unset keeps the builder's value.
        let config = Config::builder()
            .request_min_compression_size_bytes(7)
            .apply_sdk_config(&SdkConfig::builder().build())
            .build();
        assert_eq!(config.request_min_compression_size_bytes(), 7);
        assert!(
            !Config::builder()
                .disable_request_compression(true)
                .disable_request_compression(false)
                .build()
                .disable_request_compression()
        );
    }
}
