//! Idempotency tokens: what makes retrying a call that creates something safe.
//!
//! For an operation with an `@idempotencyToken` member, a token is filled in
//! once per logical call, before the first attempt, only when the caller set
//! none. Every attempt of that call then sends the same token, so the
//! service does the call's work at most once however many attempts reach it.

use std::fmt;
use std::sync::{Arc, Mutex};

/// The idempotency token a call sent.
///
/// The model marks the token `@sensitive`, so `Debug` shows no more than
/// that it is there; [`as_str`](Self::as_str) gives the value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ClientRequestToken(String);

impl ClientRequestToken {
    /// The token as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The token as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for ClientRequestToken {
    /// The token a call sent, as the call's input held it.
    fn from(token: String) -> Self {
        Self(token)
    }
}

impl fmt::Debug for ClientRequestToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientRequestToken(*** Sensitive Data Redacted ***)")
    }
}

/// Makes idempotency tokens for calls that were given none.
pub trait IdempotencyTokenProvider: Send + Sync + fmt::Debug {
    /// A fresh token for one logical call.
    fn make_token(&self) -> String;
}

/// A shareable [`IdempotencyTokenProvider`].
#[derive(Debug, Clone)]
pub struct SharedTokenProvider(Arc<dyn IdempotencyTokenProvider>);

impl SharedTokenProvider {
    /// Wraps a provider.
    pub fn new(provider: impl IdempotencyTokenProvider + 'static) -> Self {
        Self(Arc::new(provider))
    }

    /// A fresh token from the wrapped provider.
    pub fn make_token(&self) -> String {
        self.0.make_token()
    }
}

impl Default for SharedTokenProvider {
    fn default() -> Self {
        Self::new(RandomUuidTokens::from_os_entropy())
    }
}

/// Version-4 UUIDs (RFC 9562) from a generator seeded once from the OS.
///
/// Seeding once and drawing from a fast generator keeps a system call off
/// every request; 122 random bits per token make a collision between two
/// logical calls as unlikely as with per-call OS randomness.
pub struct RandomUuidTokens {
    rng: Mutex<fastrand::Rng>,
}

impl fmt::Debug for RandomUuidTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The generator's state would let a reader predict later tokens.
        f.write_str("RandomUuidTokens { .. }")
    }
}

impl RandomUuidTokens {
    /// A generator seeded from the operating system's randomness.
    ///
    /// # Panics
    ///
    /// If the operating system has no randomness to give, which no
    /// supported platform lacks.
    pub fn from_os_entropy() -> Self {
        let mut seed = [0u8; 8];
        getrandom::getrandom(&mut seed).expect("the operating system provides randomness");
        Self::from_seed(u64::from_le_bytes(seed))
    }

    /// A generator with a fixed seed: the same seed gives the same tokens,
    /// which tests use to know tokens in advance.
    ///
    /// ```
    /// use smithy_lean_client::token::{IdempotencyTokenProvider, RandomUuidTokens};
    ///
    /// let (a, b) = (RandomUuidTokens::from_seed(42), RandomUuidTokens::from_seed(42));
    /// assert_eq!(a.make_token(), b.make_token());
    /// ```
    pub fn from_seed(seed: u64) -> Self {
        Self {
            rng: Mutex::new(fastrand::Rng::with_seed(seed)),
        }
    }
}

impl IdempotencyTokenProvider for RandomUuidTokens {
    fn make_token(&self) -> String {
        let random = self
            .rng
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .u128(..);
        format_uuid_v4(random)
    }
}

/// Formats 128 random bits as a version-4 UUID: the version nibble becomes
/// `4` and the two variant bits `10`, leaving 122 random bits.
///
/// ```
/// assert_eq!(
///     smithy_lean_client::token::format_uuid_v4(u128::MAX),
///     "ffffffff-ffff-4fff-bfff-ffffffffffff"
/// );
/// ```
pub fn format_uuid_v4(random: u128) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bits = (random & !(0xF << 76) & !(0b11 << 62)) | (0x4 << 76) | (0b10 << 62);
    // Nibble by nibble, most significant first, into the 8-4-4-4-12
    // layout whose dashes are already in place: a byte at a time costs a
    // fraction of what pushing chars (or `format!`) does, and this runs
    // once per call.
    let mut text = [b'-'; 36];
    let mut at = 0;
    for nibble in 0..32 {
        if matches!(nibble, 8 | 12 | 16 | 20) {
            at += 1;
        }
        text[at] = HEX[((bits >> (124 - 4 * nibble)) & 0xF) as usize];
        at += 1;
    }
    std::str::from_utf8(&text)
        .expect("hex digits and dashes are ASCII")
        .to_owned()
}

/// Always the same token. For tests that need to know the token in advance.
///
/// ```
/// let config = smithy_lean_client::Config::builder()
///     .idempotency_token_provider(smithy_lean_client::token::FixedToken::new("test-token"))
///     .build();
/// ```
#[derive(Clone)]
pub struct FixedToken(String);

impl fmt::Debug for FixedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FixedToken(*** Sensitive Data Redacted ***)")
    }
}

impl FixedToken {
    /// A provider that always returns `token`.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }
}

impl IdempotencyTokenProvider for FixedToken {
    fn make_token(&self) -> String {
        self.0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_and_variant_bits_are_set_whatever_the_random_bits() {
        for random in [0, u128::MAX, 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef] {
            let token = format_uuid_v4(random);
            assert_eq!(token.len(), 36);
            assert_eq!(&token[14..15], "4", "{token}");
            assert!(matches!(&token[19..20], "8" | "9" | "a" | "b"), "{token}");
        }
        assert_eq!(format_uuid_v4(0), "00000000-0000-4000-8000-000000000000");
        assert_eq!(
            format_uuid_v4(u128::MAX),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
    }

    #[test]
    fn a_seeded_generator_repeats_and_debug_hides_its_state() {
        let a = RandomUuidTokens::from_seed(7);
        let b = RandomUuidTokens::from_seed(7);
        assert_eq!(a.make_token(), b.make_token());
        assert_ne!(a.make_token(), a.make_token());
        assert_eq!(format!("{a:?}"), "RandomUuidTokens { .. }");
    }
}
