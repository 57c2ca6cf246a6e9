//! An operation that sets endpoint-rule parameters of its own
//! (`@contextParam`, `@staticContextParams`) has its endpoint resolved for
//! each call, from the client's built-in parameters and the call's: calls
//! with different values go to different endpoints, the operation's host
//! prefix goes in front of each, and a call whose parameters resolve to no
//! endpoint fails before anything is sent, saying why. An operation
//! without any keeps the client's endpoint.

mod support;

use aws_smithy_runtime_api::client::http::{HttpConnector, HttpConnectorFuture};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_types::body::SdkBody;
use smithy_lean_client::{
    BuiltIns, Config, ContextValue, ErrorKind, Handle, Operation, Service, ServiceAuth,
};
use smithy_lean_runtime::endpoint::ResolveEndpointError;
use smithy_lean_runtime::operation::{OperationInput, OperationOutput};
use smithy_lean_runtime::request::{self, RequestError};
use smithy_lean_runtime::{ResponseError, UnhandledError};
use std::sync::{Arc, Mutex};

/// `GET /things`, in a tenant's own endpoint where the input names one.
struct GetThings;

#[derive(Debug, Default)]
struct Input {
    /// A `@contextParam(name: "Tenant")` member.
    tenant: Option<String>,
    /// The operation's `endpoint` trait: `api.`.
    prefixed: bool,
}

#[derive(Debug)]
struct Output;

impl Operation for GetThings {
    type Input = Input;
    type Output = Output;
    type Error = UnhandledError;
}

support::input_builds_itself!(Input);

impl OperationInput for Input {
    const OPERATION_NAME: &'static str = "GetThings";
    const HTTP_METHOD: &'static str = "GET";
    const HTTP_PATH: &'static str = "/things";
    const HTTP_SUCCESS_STATUS: u16 = 200;
    const HOST_PREFIX: Option<&'static str> = None;

    fn host_prefix(&self) -> Result<Option<std::borrow::Cow<'static, str>>, RequestError> {
        Ok(self.prefixed.then_some("api.".into()))
    }

    fn into_http_request(self) -> Result<http::Request<SdkBody>, RequestError> {
        request::build(
            Self::HTTP_METHOD,
            Self::HTTP_PATH.to_owned(),
            request::Headers::new(),
            None,
        )
    }

    fn endpoint_context(&self) -> Vec<(&'static str, ContextValue)> {
        let mut context = Vec::new();
        if let Some(tenant) = &self.tenant {
            context.push(("Tenant", ContextValue::String(tenant.clone())));
        }
        context
    }
}

impl OperationOutput for Output {
    fn from_response(_: u16, _: &http::HeaderMap, _: &[u8]) -> Result<Self, ResponseError> {
        Ok(Output)
    }
}

/// The rules: a tenant's endpoint under the region's domain, else the
/// shared one; the tenant `nowhere` has none.
fn resolve(
    built_ins: &BuiltIns,
    context: &[(&'static str, ContextValue)],
) -> Result<aws_smithy_types::endpoint::Endpoint, ResolveEndpointError> {
    let region = built_ins.region.as_deref().unwrap_or("none");
    let url = match context {
        [] => format!("https://shared.{region}.example"),
        [("Tenant", ContextValue::String(tenant))] if tenant == "nowhere" => {
            return Err(ResolveEndpointError::new(
                "the tenant `nowhere` has no endpoint",
            ));
        }
        [("Tenant", ContextValue::String(tenant))] => format!("https://{tenant}.{region}.example"),
        other => panic!("unexpected context {other:?}"),
    };
    Ok(aws_smithy_types::endpoint::Endpoint::builder()
        .url(url)
        .build())
}

static SERVICE: Service = Service {
    sdk_id: "Things",
    client_version: "1.0.0",
    auth: ServiceAuth::SigV4 {
        signing_name: "things",
    },
    resolve_endpoint: resolve,
};

/// Keeps each request's URI, and answers 200.
#[derive(Clone, Debug, Default)]
struct Keep(Arc<Mutex<Vec<String>>>);

impl HttpConnector for Keep {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        self.0.lock().unwrap().push(request.uri().to_owned());
        HttpConnectorFuture::ready(Ok(HttpResponse::new(
            200.try_into().unwrap(),
            SdkBody::empty(),
        )))
    }
}

fn client(disable_host_prefix: bool) -> (Handle, Keep) {
    let keep = Keep::default();
    let config = Config::builder()
        .region(smithy_lean_client::Region::new("eu-west-1"))
        .credentials_provider(aws_credential_types::Credentials::for_tests())
        .disable_host_prefix(disable_host_prefix)
        .http_connector(keep.clone())
        .build();
    (Handle::from_conf(&SERVICE, config), keep)
}

fn input(tenant: Option<&str>, prefixed: bool) -> Input {
    Input {
        tenant: tenant.map(str::to_owned),
        prefixed,
    }
}

#[tokio::test]
async fn each_call_goes_to_the_endpoint_of_its_own_parameters() {
    let (handle, keep) = client(false);
    for (tenant, prefixed) in [
        (None, false),
        (Some("acme"), false),
        (Some("globex"), false),
        (Some("acme"), true),
        (None, true),
    ] {
        handle
            .send::<GetThings>(input(tenant, prefixed))
            .await
            .unwrap();
    }
    assert_eq!(
        *keep.0.lock().unwrap(),
        [
            "https://shared.eu-west-1.example/things",
            "https://acme.eu-west-1.example/things",
            "https://globex.eu-west-1.example/things",
            "https://api.acme.eu-west-1.example/things",
            "https://api.shared.eu-west-1.example/things",
        ]
    );
    // The client's own endpoint is the one without a call's parameters.
    assert_eq!(
        handle.endpoint().unwrap().base_url,
        "https://shared.eu-west-1.example"
    );
}

#[tokio::test]
async fn a_calls_endpoint_takes_no_host_prefix_where_the_configuration_turns_them_off() {
    let (handle, keep) = client(true);
    handle
        .send::<GetThings>(input(Some("acme"), true))
        .await
        .unwrap();
    assert_eq!(
        *keep.0.lock().unwrap(),
        ["https://acme.eu-west-1.example/things"]
    );
}

#[tokio::test]
async fn parameters_that_resolve_to_no_endpoint_fail_the_call_before_it_is_sent() {
    let (handle, keep) = client(false);
    let error = handle
        .send::<GetThings>(input(Some("nowhere"), false))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Construction(_)),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("cannot resolve the endpoint: the tenant `nowhere` has no endpoint"),
        "{error}"
    );
    assert!(keep.0.lock().unwrap().is_empty());
    // The client's endpoint, and calls that use it, are unaffected.
    handle.send::<GetThings>(input(None, false)).await.unwrap();
    assert_eq!(keep.0.lock().unwrap().len(), 1);
}
