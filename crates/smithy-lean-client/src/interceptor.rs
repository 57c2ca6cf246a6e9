//! Hooks into every attempt of a client's calls: what AWS SDK for Rust
//! users do with the SDK's interceptors (its `Intercept` trait).

use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use std::sync::Arc;

/// Code run at points of every attempt of every call of a client, given
/// with [`ConfigBuilder::interceptor`](crate::ConfigBuilder::interceptor),
/// or for one call with `customize()`.
///
/// The AWS SDK for Rust's `Intercept` trait has twenty hooks over its
/// orchestrator's phases; this engine has no orchestrator, and offers the
/// three that code written for the SDK uses most, with the SDK's names:
///
/// | hook | runs | the SDK's |
/// |---|---|---|
/// | [`modify_before_signing`](Self::modify_before_signing) | on each attempt's request, before it is signed: a header added here is signed | `modify_before_signing` |
/// | [`read_before_transmit`](Self::read_before_transmit) | on each attempt's request as it goes out, signed | `read_before_transmit` |
/// | [`read_after_attempt`](Self::read_after_attempt) | after each attempt that went out, with its response head if one came | `read_after_attempt` |
///
/// Unlike the SDK's, a hook returns nothing: it observes or changes a
/// request, but cannot fail the call. It runs on the task that makes the
/// call, so it should be quick.
///
/// ```
/// use smithy_lean_client::{HttpRequest, Interceptor};
///
/// /// Tags every request with the tenant it is made for.
/// #[derive(Debug)]
/// struct Tenant(&'static str);
///
/// impl Interceptor for Tenant {
///     fn modify_before_signing(&self, request: &mut HttpRequest) {
///         request.headers_mut().insert("x-tenant", self.0);
///     }
/// }
///
/// let config = smithy_lean_client::Config::builder().interceptor(Tenant("blue")).build();
/// ```
pub trait Interceptor: Send + Sync + 'static {
    /// Changes an attempt's request before it is signed.
    fn modify_before_signing(&self, request: &mut HttpRequest) {
        let _ = request;
    }

    /// Reads an attempt's request as it is sent, signed.
    fn read_before_transmit(&self, request: &HttpRequest) {
        let _ = request;
    }

    /// Reads how an attempt that went out ended: its response's head, or
    /// none where the connection failed or timed out first.
    fn read_after_attempt(&self, outcome: &AttemptOutcome<'_>) {
        let _ = outcome;
    }
}

/// An interceptor shared by the configurations that hold it.
#[derive(Clone)]
pub(crate) struct SharedInterceptor(Arc<dyn Interceptor>);

impl SharedInterceptor {
    pub(crate) fn new(interceptor: impl Interceptor) -> Self {
        SharedInterceptor(Arc::new(interceptor))
    }
}

impl std::ops::Deref for SharedInterceptor {
    type Target = dyn Interceptor;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

/// How one attempt ended, for [`Interceptor::read_after_attempt`].
#[derive(Debug)]
pub struct AttemptOutcome<'a> {
    pub(crate) attempt: u32,
    pub(crate) response: Option<&'a HttpResponse>,
}

impl AttemptOutcome<'_> {
    /// Which attempt of the call this was, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The response's status and headers, its body not read yet; `None`
    /// where none came.
    pub fn response(&self) -> Option<&HttpResponse> {
        self.response
    }
}

/// A call's own hook, from `customize().mutate_request(..)`.
pub(crate) struct MutateRequest<F>(pub(crate) F);

impl<F: Fn(&mut HttpRequest) + Send + Sync + 'static> Interceptor for MutateRequest<F> {
    fn modify_before_signing(&self, request: &mut HttpRequest) {
        (self.0)(request);
    }
}
