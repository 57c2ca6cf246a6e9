//! Faking calls in a caller's own tests, without a network (feature
//! `test-util`): rules that match an operation's input and answer with an
//! output or a service error, in the spirit of `aws-smithy-mocks`.
//!
//! A client configured with rules answers every call from them: the first
//! rule of the call's operation whose matcher accepts the input answers it.
//! Everything before the network still happens as in a real call (the
//! idempotency token is filled, the input is validated when validation is
//! on), and everything after it is skipped: no endpoint, credentials,
//! signing, retries or time limits. A call that no rule answers fails
//! before any I/O, saying so.
//!
//! With a generated client, where `CreateThing` is an operation:
//!
//! ```ignore
//! use my_service::mock;
//! use my_service::operation::create_thing::{CreateThing, CreateThingOutput};
//!
//! let created = mock::rule::<CreateThing>()
//!     .match_requests(|input| input.name() == Some("ops"))
//!     .then_output(|| CreateThingOutput::builder().thing_arn("arn:fake").build());
//! let client = my_service::Client::from_conf(
//!     my_service::Config::builder().mock_rules([created.clone()]).build(),
//! );
//! let output = client.create_thing().name("ops").send().await?;
//! assert_eq!(output.thing_arn(), Some("arn:fake"));
//! assert_eq!(created.calls(), 1);
//! ```

use crate::operation::Operation;
use std::any::{Any, TypeId};
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a rule answers with: the operation's output or its error, type-erased.
type Answer = Box<dyn Any + Send>;

/// A rule's answer to an input (type-erased), or `None` when it does not match.
type Respond = dyn Fn(&dyn Any) -> Option<Answer> + Send + Sync;

/// Which inputs of `I` a rule answers.
type Matcher<I> = dyn Fn(&I) -> bool + Send + Sync;

/// A rule for one operation: which inputs it answers, and with what.
/// Clones share their call count.
#[derive(Clone)]
pub struct Rule {
    operation: TypeId,
    operation_name: &'static str,
    answer: Arc<Respond>,
    calls: Arc<AtomicUsize>,
}

impl Rule {
    /// How many calls this rule (or a clone of it) has answered.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::Relaxed)
    }

    /// The answer to a call of `O` with `input`, if this rule gives one.
    pub(crate) fn answer<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Option<Result<O::Output, O::Error>> {
        if self.operation != TypeId::of::<O>() {
            return None;
        }
        let answer = (self.answer)(input)?;
        let answer = answer.downcast::<Result<O::Output, O::Error>>().ok()?;
        self.calls.fetch_add(1, Ordering::Relaxed);
        Some(*answer)
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("operation", &self.operation_name)
            .field("calls", &self.calls())
            .finish()
    }
}

/// Starts a rule for operation `O`; without a matcher it answers every call of `O`.
pub fn rule<O: Operation>() -> RuleBuilder<O> {
    RuleBuilder {
        matcher: Arc::new(|_| true),
        operation: PhantomData,
    }
}

/// A rule being built: its matcher is set, its answer not yet.
pub struct RuleBuilder<O: Operation> {
    matcher: Arc<Matcher<O::Input>>,
    operation: PhantomData<fn() -> O>,
}

impl<O: Operation> RuleBuilder<O> {
    /// Answers only the calls whose input `matcher` accepts.
    pub fn match_requests(
        mut self,
        matcher: impl Fn(&O::Input) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.matcher = Arc::new(matcher);
        self
    }

    /// Answers with the output `make` gives.
    pub fn then_output(self, make: impl Fn() -> O::Output + Send + Sync + 'static) -> Rule {
        self.then(move || Ok(make()))
    }

    /// Answers with the service error `make` gives, as if the service had
    /// sent it.
    pub fn then_error(self, make: impl Fn() -> O::Error + Send + Sync + 'static) -> Rule {
        self.then(move || Err(make()))
    }

    fn then(self, make: impl Fn() -> Result<O::Output, O::Error> + Send + Sync + 'static) -> Rule {
        let matcher = self.matcher;
        Rule {
            operation: TypeId::of::<O>(),
            operation_name: O::NAME,
            answer: Arc::new(move |input: &dyn Any| {
                let input = input.downcast_ref::<O::Input>()?;
                matcher(input).then(|| Box::new(make()) as Answer)
            }),
            calls: Arc::default(),
        }
    }
}
