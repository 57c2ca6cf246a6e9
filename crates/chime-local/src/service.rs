//! What the service does with a request, apart from HTTP: authenticate,
//! throttle, validate, deduplicate by token, enforce the quota and create.

// It serves the legacy namespace's CreateAppInstance, which the model
// deprecates in favour of Chime SDK Identity's: on purpose.
#![allow(deprecated)]

use crate::sigv4::{self, Expected, Refusal, Signed};
use chime_lean_error::{
    BadRequestException, ConflictException, ErrorCode, ForbiddenException,
    ResourceLimitExceededException, ThrottledClientException, UnauthorizedClientException,
};
use chime_lean_input::{CreateAppInstanceInput, OperationInput, Tag};
use chime_lean_output::CreateAppInstanceOutput;
use std::collections::HashMap;
#[cfg(test)]
use std::time::Duration;
use std::time::Instant;

/// Credentials the service accepts, and the account they belong to.
#[derive(Clone)]
pub struct Account {
    /// The account id, twelve digits.
    pub id: String,
    /// The access key id.
    pub access_key: String,
    /// The secret access key.
    pub secret_key: String,
    /// The session token, when these are temporary credentials.
    pub session_token: Option<String>,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("access_key", &self.access_key)
            .field("secret_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// An `AppInstance` the service holds.
#[derive(Clone, PartialEq, Eq)]
pub struct AppInstance {
    /// Its ARN.
    pub arn: String,
    /// The account that created it.
    pub account: String,
    /// The token of the call that created it.
    pub client_request_token: String,
    /// Its name.
    pub name: String,
    /// Its metadata.
    pub metadata: Option<String>,
    /// Its tags, as (key, value).
    pub tags: Vec<(String, String)>,
}

impl std::fmt::Debug for AppInstance {
    // Name, metadata, tags and token are `@sensitive` in the model.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppInstance")
            .field("arn", &self.arn)
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

/// An answer, before it becomes HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The modelled error's name, for `x-amzn-ErrorType`; `None` on success.
    pub error_type: Option<&'static str>,
    /// The JSON body.
    pub body: String,
}

/// A written body, or a body that says why it could not be written. Only
/// a timestamp out of its format's years fails, and these shapes hold none,
/// but a peer must never meet a panic.
fn written(body: Result<String, impl std::fmt::Display>) -> String {
    body.unwrap_or_else(|error| {
        let mut body = String::new();
        let mut object = aws_smithy_json::serialize::JsonObjectWriter::new(&mut body);
        object.key("message").string(&error.to_string());
        object.finish();
        body
    })
}

impl Answer {
    fn created(arn: &str) -> Self {
        Self {
            status: CreateAppInstanceInput::HTTP_SUCCESS_STATUS,
            error_type: None,
            body: written(
                CreateAppInstanceOutput::builder()
                    .app_instance_arn(arn)
                    .build()
                    .to_json(),
            ),
        }
    }

    /// What AWS answers to a request signed too far from its clock: an
    /// unmodelled `InvalidSignatureException`, as its front end sends it.
    pub fn signature_expired(message: String) -> Self {
        let mut body = String::new();
        let mut object = aws_smithy_json::serialize::JsonObjectWriter::new(&mut body);
        object.key("message").string(&message);
        object.finish();
        Self {
            status: 403,
            error_type: Some(INVALID_SIGNATURE),
            body,
        }
    }

    /// An error answer of a modelled error type, with a Chime-style body.
    pub fn error(kind: ErrorAnswer, message: impl Into<String>) -> Self {
        let message = message.into();
        macro_rules! answer {
            ($error:ty, $code:expr) => {
                Self {
                    status: <$error>::HTTP_STATUS,
                    error_type: Some(<$error>::ERROR_NAME),
                    body: written(
                        <$error>::builder()
                            .code($code)
                            .message(message)
                            .build()
                            .to_json(),
                    ),
                }
            };
        }
        match kind {
            ErrorAnswer::BadRequest => answer!(BadRequestException, ErrorCode::BadRequest),
            ErrorAnswer::Conflict => answer!(ConflictException, ErrorCode::Conflict),
            ErrorAnswer::Forbidden => answer!(ForbiddenException, ErrorCode::Forbidden),
            ErrorAnswer::ResourceLimitExceeded => answer!(
                ResourceLimitExceededException,
                ErrorCode::ResourceLimitExceeded
            ),
            ErrorAnswer::Throttled => answer!(ThrottledClientException, ErrorCode::Throttled),
            ErrorAnswer::Unauthorized => {
                answer!(UnauthorizedClientException, ErrorCode::Unauthorized)
            }
            ErrorAnswer::ServiceUnavailable => answer!(
                chime_lean_error::ServiceUnavailableException,
                ErrorCode::ServiceUnavailable
            ),
            ErrorAnswer::ServiceFailure => answer!(
                chime_lean_error::ServiceFailureException,
                ErrorCode::ServiceFailure
            ),
        }
    }
}

/// The error AWS's front end answers for a bad or expired signature.
pub const INVALID_SIGNATURE: &str = "InvalidSignatureException";

/// The modelled errors the service can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorAnswer {
    /// `BadRequestException` (400).
    BadRequest,
    /// `ConflictException` (409).
    Conflict,
    /// `ForbiddenException` (403).
    Forbidden,
    /// `ResourceLimitExceededException` (400).
    ResourceLimitExceeded,
    /// `ThrottledClientException` (429).
    Throttled,
    /// `UnauthorizedClientException` (401).
    Unauthorized,
    /// `ServiceUnavailableException` (503).
    ServiceUnavailable,
    /// `ServiceFailureException` (500).
    ServiceFailure,
}

impl ErrorAnswer {
    /// Every modelled error.
    pub const ALL: [ErrorAnswer; 8] = [
        ErrorAnswer::BadRequest,
        ErrorAnswer::Conflict,
        ErrorAnswer::Forbidden,
        ErrorAnswer::ResourceLimitExceeded,
        ErrorAnswer::Throttled,
        ErrorAnswer::Unauthorized,
        ErrorAnswer::ServiceUnavailable,
        ErrorAnswer::ServiceFailure,
    ];

    /// The error's name, e.g. `ThrottledClientException`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorAnswer::BadRequest => BadRequestException::ERROR_NAME,
            ErrorAnswer::Conflict => ConflictException::ERROR_NAME,
            ErrorAnswer::Forbidden => ForbiddenException::ERROR_NAME,
            ErrorAnswer::ResourceLimitExceeded => ResourceLimitExceededException::ERROR_NAME,
            ErrorAnswer::Throttled => ThrottledClientException::ERROR_NAME,
            ErrorAnswer::Unauthorized => UnauthorizedClientException::ERROR_NAME,
            ErrorAnswer::ServiceUnavailable => {
                chime_lean_error::ServiceUnavailableException::ERROR_NAME
            }
            ErrorAnswer::ServiceFailure => chime_lean_error::ServiceFailureException::ERROR_NAME,
        }
    }

    /// The error whose name this is.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// Limits and identity of the service.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Accepted credentials.
    pub accounts: Vec<Account>,
    /// The region requests must be signed for.
    pub region: String,
    /// How many instances one account may hold.
    pub quota: usize,
    /// Sustained requests per second before throttling; `None` never throttles.
    pub rate_limit: Option<f64>,
    /// How many requests may come at once above the sustained rate.
    pub burst: u32,
}

/// What a created instance is compared by when its token is reused.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parameters {
    name: String,
    metadata: Option<String>,
    tags: Vec<(String, String)>,
}

/// The service's state.
#[derive(Debug)]
pub struct Service {
    settings: Settings,
    instances: Vec<AppInstance>,
    by_token: HashMap<(String, String), usize>,
    held_by_account: HashMap<String, usize>,
    bucket: TokenBucket,
}

/// A request as the service needs it.
pub struct Request<'a> {
    /// The signed parts.
    pub signed: Signed<'a>,
    /// Seconds since the Unix epoch, now.
    pub now: i64,
}

impl Service {
    /// A service with no instances.
    pub fn new(settings: Settings) -> Self {
        let bucket = TokenBucket::new(settings.rate_limit, settings.burst);
        Self {
            settings,
            instances: Vec::new(),
            by_token: HashMap::new(),
            held_by_account: HashMap::new(),
            bucket,
        }
    }

    /// The instances held, in creation order.
    pub fn instances(&self) -> &[AppInstance] {
        &self.instances
    }

    /// Checks that the request is for this operation and signed by a known
    /// account; returns the account id, or the answer that refuses it.
    pub fn authorize(&self, request: &Request<'_>) -> Result<String, Answer> {
        let signed = &request.signed;
        if signed.method != CreateAppInstanceInput::HTTP_METHOD
            || signed.path != CreateAppInstanceInput::HTTP_PATH
        {
            return Err(Answer::error(
                ErrorAnswer::BadRequest,
                format!(
                    "no operation at {} {}; this service has {} {}",
                    signed.method,
                    signed.path,
                    CreateAppInstanceInput::HTTP_METHOD,
                    CreateAppInstanceInput::HTTP_PATH
                ),
            ));
        }
        self.authenticate(request)
    }

    /// Handles an authorized request of `account` with this body.
    pub fn create(&mut self, account: &str, body: &[u8]) -> Answer {
        if !self.bucket.take(Instant::now()) {
            return Answer::error(ErrorAnswer::Throttled, "request rate exceeded");
        }
        let input = match CreateAppInstanceInput::from_json(body) {
            Ok(input) => input,
            Err(e) => return Answer::error(ErrorAnswer::BadRequest, format!("invalid body: {e}")),
        };
        if let Err(violations) = input.validate() {
            return Answer::error(ErrorAnswer::BadRequest, violations.to_string());
        }
        let Some(token) = input.client_request_token() else {
            return Answer::error(ErrorAnswer::BadRequest, "`ClientRequestToken` is required");
        };
        let parameters = Parameters {
            name: input.name().to_owned(),
            metadata: input.metadata().map(str::to_owned),
            tags: input
                .tags()
                .unwrap_or_default()
                .iter()
                .map(|tag: &Tag| (tag.key().to_owned(), tag.value().to_owned()))
                .collect(),
        };
        let key = (account.to_owned(), token.to_owned());
        if let Some(&index) = self.by_token.get(&key) {
            let existing = &self.instances[index];
            let same = Parameters {
                name: existing.name.clone(),
                metadata: existing.metadata.clone(),
                tags: existing.tags.clone(),
            } == parameters;
            return if same {
                Answer::created(&existing.arn)
            } else {
                Answer::error(
                    ErrorAnswer::Conflict,
                    "the client request token was used with other parameters",
                )
            };
        }
        let held = self.held_by_account.get(account).copied().unwrap_or(0);
        if held >= self.settings.quota {
            return Answer::error(
                ErrorAnswer::ResourceLimitExceeded,
                format!("the account holds {held} app instances, its limit"),
            );
        }
        let arn = format!(
            "arn:aws:chime:us-east-1:{account}:app-instance/{}",
            uuid_v4()
        );
        self.by_token.insert(key, self.instances.len());
        *self.held_by_account.entry(account.to_owned()).or_insert(0) += 1;
        self.instances.push(AppInstance {
            arn: arn.clone(),
            account: account.to_owned(),
            client_request_token: token.to_owned(),
            name: parameters.name,
            metadata: parameters.metadata,
            tags: parameters.tags,
        });
        Answer::created(&arn)
    }

    /// The account whose credentials signed the request.
    fn authenticate(&self, request: &Request<'_>) -> Result<String, Answer> {
        let refuse = |refusal: Refusal| match refusal {
            Refusal::Unidentified(why) => Answer::error(ErrorAnswer::Unauthorized, why),
            Refusal::Forbidden(why) => Answer::error(ErrorAnswer::Forbidden, why),
            Refusal::Skewed(why) => Answer::signature_expired(why),
        };
        let header = request
            .signed
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| refuse(Refusal::Unidentified("the request is not signed".into())))?;
        let authorization = sigv4::parse_authorization(header).map_err(refuse)?;
        let account = self
            .settings
            .accounts
            .iter()
            .find(|a| a.access_key == authorization.access_key)
            .ok_or_else(|| {
                refuse(Refusal::Unidentified(format!(
                    "the access key `{}` is unknown",
                    authorization.access_key
                )))
            })?;
        let expected = Expected {
            region: &self.settings.region,
            service: chime_lean_input::SIGNING_NAME,
            now: request.now,
            session_token: account.session_token.as_deref(),
        };
        sigv4::verify(
            &request.signed,
            &authorization,
            &account.secret_key,
            &expected,
        )
        .map_err(refuse)?;
        Ok(account.id.clone())
    }
}

/// A version-4 UUID for ARNs and request ids.
pub fn uuid_v4() -> String {
    let bits = fastrand::u128(..) & !(0xF << 76) & !(0b11 << 62) | (0x4 << 76) | (0b10 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Admits a sustained rate with bursts; refuses what exceeds both.
#[derive(Debug)]
struct TokenBucket {
    rate: Option<f64>,
    capacity: f64,
    tokens: f64,
    last: Option<Instant>,
}

impl TokenBucket {
    fn new(rate: Option<f64>, burst: u32) -> Self {
        let capacity = f64::from(burst.max(1));
        Self {
            rate,
            capacity,
            tokens: capacity,
            last: None,
        }
    }

    fn take(&mut self, now: Instant) -> bool {
        let Some(rate) = self.rate else {
            return true;
        };
        if let Some(last) = self.last {
            let elapsed = now.saturating_duration_since(last);
            self.tokens = (self.tokens + elapsed.as_secs_f64() * rate).min(self.capacity);
        }
        self.last = Some(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refill_interval(rate: f64) -> Duration {
        Duration::from_secs_f64(1.0 / rate)
    }

    #[test]
    fn the_bucket_admits_a_burst_then_the_rate() {
        let mut bucket = TokenBucket::new(Some(10.0), 3);
        let start = Instant::now();
        assert!((0..3).all(|_| bucket.take(start)));
        assert!(!bucket.take(start));
        assert!(bucket.take(start + refill_interval(10.0)));
        assert!(!bucket.take(start + refill_interval(10.0)));
        let mut unlimited = TokenBucket::new(None, 1);
        assert!((0..1000).all(|_| unlimited.take(start)));
    }

    #[test]
    fn every_error_answer_has_its_modelled_status_and_name() {
        let statuses: Vec<(&str, u16)> = ErrorAnswer::ALL
            .iter()
            .map(|e| {
                let answer = Answer::error(*e, "m");
                (answer.error_type.unwrap(), answer.status)
            })
            .collect();
        assert_eq!(
            statuses,
            [
                ("BadRequestException", 400),
                ("ConflictException", 409),
                ("ForbiddenException", 403),
                ("ResourceLimitExceededException", 400),
                ("ThrottledClientException", 429),
                ("UnauthorizedClientException", 401),
                ("ServiceUnavailableException", 503),
                ("ServiceFailureException", 500),
            ]
        );
        assert_eq!(
            ErrorAnswer::from_name("ConflictException"),
            Some(ErrorAnswer::Conflict)
        );
        assert_eq!(ErrorAnswer::from_name("Nope"), None);
    }
}

/// Whatever a peer sends, the service answers and never panics.
#[cfg(test)]
mod hostile_requests {
    use super::*;
    use proptest::prelude::*;

    fn service() -> Service {
        Service::new(Settings {
            accounts: vec![Account {
                id: "123456789012".into(),
                access_key: "AKIDLOCAL".into(),
                secret_key: "secret".into(),
                session_token: Some("token".into()),
            }],
            region: "us-east-1".into(),
            quota: 10,
            rate_limit: None,
            burst: 1,
        })
    }

    /// Header values near what a signer sends, and anything at all.
    fn header_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/[0-9é]{0,9}/us-east-1/chime/aws4_request, \
             SignedHeaders=[a-z;-]{0,40}, Signature=[0-9a-f]{0,64}",
            "[0-9T Zé]{14,18}",
            "token|forged|",
        ]
    }

    fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
        let name = prop_oneof![
            Just("authorization".to_owned()),
            Just("x-amz-date".to_owned()),
            Just("x-amz-security-token".to_owned()),
            Just("host".to_owned()),
            "[a-zA-Z-]{1,12}",
        ];
        proptest::collection::vec((name, header_value()), 0..8)
    }

    /// Requests shaped like signed ones, each part near or off the mark, so
    /// that checks deep in the verifier meet odd input too.
    fn nearly_signed() -> impl Strategy<Value = Vec<(String, String)>> {
        (
            "[0-9é]{0,9}",
            "[a-z;-]{0,40}|content-type;host;x-amz-date;x-amz-security-token",
            "[0-9a-f]{0,64}",
            "[0-9T Zé]{14,18}|20[0-9]{6}T[0-9]{6}Z",
            proptest::option::of("token|forged|"),
            headers(),
        )
            .prop_map(|(date, signed, signature, amz_date, token, mut extra)| {
                extra.push((
                    "authorization".into(),
                    format!(
                        "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/{date}/us-east-1/chime/aws4_request, \
                         SignedHeaders={signed}, Signature={signature}"
                    ),
                ));
                extra.push(("x-amz-date".into(), amz_date));
                if let Some(token) = token {
                    extra.push(("x-amz-security-token".into(), token));
                }
                extra
            })
    }

    proptest! {
        #[test]
        fn nearly_signed_requests_are_answered(headers in nearly_signed(), body in proptest::collection::vec(any::<u8>(), 0..64)) {
            let request = Request {
                signed: Signed { method: "POST", path: "/app-instances", query: "", headers: &headers, body: &body },
                now: sigv4::now(),
            };
            let mut service = service();
            if let Ok(account) = service.authorize(&request) {
                service.create(&account, &body);
            }
        }

        #[test]
        fn any_signed_parts_are_answered(
            method in "POST|GET|[A-Z]{0,8}",
            path in prop_oneof![Just("/app-instances".to_owned()), any::<String>()],
            query in any::<String>(),
            headers in headers(),
            body in proptest::collection::vec(any::<u8>(), 0..256),
            now in any::<i64>(),
        ) {
            let request = Request {
                signed: Signed { method: &method, path: &path, query: &query, headers: &headers, body: &body },
                now,
            };
            let mut service = service();
            if let Ok(account) = service.authorize(&request) {
                service.create(&account, &body);
            }
        }

        #[test]
        fn any_body_of_an_authorized_caller_is_answered(body in proptest::collection::vec(any::<u8>(), 0..512)) {
            let answer = service().create("123456789012", &body);
            prop_assert!(answer.status == 201 || answer.error_type.is_some());
        }

        #[test]
        fn any_json_shaped_body_is_answered(body in r#"\{("(Name|Metadata|ClientRequestToken|Tags|Key|Value)":(".{0,8}"|\[.{0,20}\]|[0-9e.-]{1,5}|null|\{\}),?){0,5}\}"#) {
            let answer = service().create("123456789012", body.as_bytes());
            prop_assert!(answer.status == 201 || answer.error_type.is_some());
        }
    }
}
