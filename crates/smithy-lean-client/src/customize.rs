//! One call with settings of its own: what a fluent builder's
//! `customize()` gives, as in the AWS SDK for Rust.

use crate::interceptor::MutateRequest;
use crate::operation::InputBuilder;
use crate::{ConfigBuilder, Error, Handle, HttpRequest, Operation};

/// A call of `O` whose configuration or request is changed for this call
/// only: [`config_override`](Self::config_override) and
/// [`mutate_request`](Self::mutate_request), then [`send`](Self::send).
///
/// ```ignore
/// let output = client
///     .create_app_instance()
///     .name("ops")
///     .customize()
///     .config_override(Config::builder().retry_config(RetryConfig::standard().with_max_attempts(5)))
///     .mutate_request(|request| {
///         request.headers_mut().insert("x-trace", "nightly-job");
///     })
///     .send()
///     .await?;
/// ```
pub struct CustomizableOperation<O: Operation> {
    handle: Handle,
    input: InputBuilder<O>,
    over: Option<ConfigBuilder>,
}

impl<O: Operation> CustomizableOperation<O> {
    /// The call of `O` that `handle` would make of `input`, not changed yet.
    pub fn new(handle: Handle, input: InputBuilder<O>) -> Self {
        CustomizableOperation {
            handle,
            input,
            over: None,
        }
    }

    /// Settings for this call in place of the client's: what `config`
    /// sets (retries, timeouts, endpoint, credentials, ...) wins, what it
    /// leaves unset stays the client's; its endpoint parameters and
    /// interceptors are added to the client's. A second override adds to
    /// the first: `config` is its builder, with every setting of the
    /// first it does not set itself.
    pub fn config_override(mut self, config: impl Into<ConfigBuilder>) -> Self {
        let config = config.into();
        self.over = Some(match self.over.take() {
            None => config,
            Some(first) => first.then(config),
        });
        self
    }

    /// Changes the request before it is signed, on each attempt: what
    /// `mutate` adds (a header, say) is signed with the rest.
    pub fn mutate_request(self, mutate: impl Fn(&mut HttpRequest) + Send + Sync + 'static) -> Self {
        let hook = ConfigBuilder::default().interceptor(MutateRequest(mutate));
        self.config_override(hook)
    }

    /// Sends the call and returns the service's answer.
    pub async fn send(self) -> Result<O::Output, Error<O::Error>> {
        let handle = match self.over {
            None => self.handle,
            Some(over) => self.handle.overridden(over),
        };
        handle.send::<O>(self.input).await
    }
}

impl<O: Operation> std::fmt::Debug for CustomizableOperation<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The input may hold sensitive values: its builder's own `Debug`
        // decides what to show, and the override shows its settings only.
        f.debug_struct("CustomizableOperation")
            .field("operation", &O::NAME)
            .field("config_override", &self.over)
            .finish()
    }
}
