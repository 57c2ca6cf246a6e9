//! The fluent builder a generated client returns for each operation:
//! declared by [`fluent_builder!`](crate::fluent_builder) from the
//! operation's types and its input's members, so that the generated code
//! says only what the model does.

/// Declares an operation's fluent builder: the call's handle and its
/// input's builder, `send()`, the input's setters and getters (as
/// `smithy_lean_runtime::builder!` takes members), and, as the attribute
/// lists them after the four types:
///
/// - `token = MEMBER`: `send_with_token()`, for an operation whose
///   `@idempotencyToken` member is `MEMBER`;
/// - `paginated`: `into_paginator()`, for an operation that implements
///   [`Paginated`](crate::Paginated).
///
/// The attribute names the operation (an [`Operation`](crate::Operation)),
/// its input's builder, its output and its error, in that order.
///
/// The builder is made with `new(handle)`, which the client's method that
/// starts the call uses.
#[macro_export]
macro_rules! fluent_builder {
    (
        #[call($operation:ident, $input:ident, $output:ident, $error:ident $(, $extra:ident $(= $member:ident)?)*)]
        pub struct $fluent:ident {
            $($members:tt)*
        }
    ) => {
        $crate::__fluent_struct! {
            #[doc = concat!(
                "Collects the members of one [`", stringify!($operation),
                "`] call; [`send`](Self::send) sends it."
            )]
            $fluent($input)
        }

        impl $fluent {
            /// Sends the call and returns the service's answer.
            pub async fn send(self) -> Result<$output, $crate::Error<$error>> {
                self.handle.send::<$operation>(self.input).await
            }

            /// This call with settings of its own: a configuration override
            /// or a change to its request, then `send()`.
            pub fn customize(self) -> $crate::CustomizableOperation<$operation> {
                $crate::CustomizableOperation::new(self.handle, self.input)
            }

            $($crate::__fluent_method!($extra $(= $member)?, $operation, $output, $error);)*
        }

        $crate::__runtime::fluent_setters! {
            struct $fluent {
                $($members)*
            }
        }
    };
}

/// A fluent builder's struct (the call's handle and its input's builder)
/// and `new(handle)`: what operations' and waiters' builders share.
#[doc(hidden)]
#[macro_export]
macro_rules! __fluent_struct {
    ($(#[$attr:meta])* $fluent:ident($input:ident)) => {
        $(#[$attr])*
        #[derive(Debug)]
        pub struct $fluent {
            handle: $crate::Handle,
            input: $input,
        }

        impl $fluent {
            pub(crate) fn new(handle: $crate::Handle) -> Self {
                $fluent {
                    handle,
                    input: ::core::default::Default::default(),
                }
            }
        }
    };
}

/// A fluent builder's method that only some operations have.
#[doc(hidden)]
#[macro_export]
macro_rules! __fluent_method {
    (token = $member:ident, $operation:ident, $output:ident, $error:ident) => {
        #[doc = concat!(
            "Sends the call and returns the answer with the idempotency token it sent (`",
            stringify!($member),
            "`), to repeat the call later without the service doing its work twice."
        )]
        pub async fn send_with_token(
            self,
        ) -> Result<($output, $crate::ClientRequestToken), $crate::Error<$error>> {
            self.handle.send_with_token::<$operation>(self.input).await
        }
    };
    (paginated, $operation:ident, $output:ident, $error:ident) => {
        #[doc = concat!(
            "Every page of [`", stringify!($operation),
            "`] calls that start from this input, each sent the token the one before returned."
        )]
        pub fn into_paginator(self) -> $crate::Paginator<$operation> {
            $crate::Paginator::new(self.handle, self.input)
        }
    };
}
