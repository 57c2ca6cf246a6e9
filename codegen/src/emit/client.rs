//! The client crate: the operation layer that ties the input, output and
//! error crates to the hand-written engine (`smithy-lean-client`).
//!
//! Per operation it writes the type that describes the operation to the
//! engine (request, response, error, token hook), the fluent builder with
//! every member's setter and getter, and the `Client` method that starts
//! it. The engine itself names no operation and no shape.

use super::{doc_attrs, ident, structure::builder_member};
use crate::ir::{
    CrateNames, EndpointParameter, Kind, Operation, ParameterKind, PathStep, Service, ServiceAuth,
    Structure, Value,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The Rust paths of the three type crates, as the client crate names them.
pub(super) struct TypeCrates {
    pub input: TokenStream,
    pub output: TokenStream,
    pub errors: TokenStream,
}

impl TypeCrates {
    pub fn new(crates: &CrateNames) -> Self {
        let path = |package: &str| {
            let name = ident(&CrateNames::rust_name(package));
            quote! { ::#name }
        };
        TypeCrates {
            input: path(&crates.input),
            output: path(&crates.output),
            errors: path(&crates.errors),
        }
    }
}

/// `src/client.rs`: the `Client`, the service's description for the engine,
/// and one method per operation.
pub(super) fn client_module(service: &Service, crates: &TypeCrates) -> TokenStream {
    let input = &crates.input;
    let sdk_id = &service.sdk_id;
    let auth = match &service.auth {
        ServiceAuth::SigV4 { signing_name } => {
            quote! { ::smithy_lean_client::ServiceAuth::SigV4 { signing_name: #signing_name } }
        }
        ServiceAuth::Bearer => quote! { ::smithy_lean_client::ServiceAuth::Bearer },
        ServiceAuth::Anonymous => quote! { ::smithy_lean_client::ServiceAuth::Anonymous },
    };
    let methods = service.operations.iter().map(|operation| {
        let doc = format!(
            " Starts a `{}` call: set its members on the builder, then `send()`.",
            operation.name
        );
        let mut lines = operation.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(call_summary(service, operation));
        let docs = doc_attrs(&lines, operation.deprecated.as_ref());
        starting_method(
            operation,
            &operation.module,
            &operation.fluent_builder,
            doc,
            docs,
        )
    });
    let waiter_methods = service.operations.iter().flat_map(|operation| {
        operation.waiters.iter().map(move |waiter| {
            let doc = format!(
                " Starts the `{}` waiter: set the `{}` members on the builder, then `wait(max_wait)`.",
                waiter.name, operation.name
            );
            let docs = doc_attrs(&waiter.docs, None);
            starting_method(operation, &waiter.method, &waiter.fluent_builder, doc, docs)
        })
    });
    let methods = methods.chain(waiter_methods);
    let resolver = endpoint_resolver(service, input);
    let client_doc = format!(
        " A client for the {sdk_id} service: one method per operation, each starting a fluent builder."
    );
    quote! {
        /// What the engine needs to know about this service.
        pub(crate) static SERVICE: ::smithy_lean_client::Service = ::smithy_lean_client::Service {
            sdk_id: #sdk_id,
            client_version: env!("CARGO_PKG_VERSION"),
            auth: #auth,
            resolve_endpoint,
        };

        #resolver

        #[doc = #client_doc]
        ///
        /// Cheap to clone: clones share one connection pool, one resolved
        /// endpoint and one retry quota.
        #[derive(Clone, Debug)]
        pub struct Client {
            handle: ::smithy_lean_client::Handle,
        }

        impl Client {
            /// A client configured from an `SdkConfig`, as AWS SDK clients are:
            /// what `aws_config::load_defaults(..)` returns.
            pub fn new(sdk_config: &::smithy_lean_client::SdkConfig) -> Self {
                Client {
                    handle: ::smithy_lean_client::Handle::new(&SERVICE, sdk_config),
                }
            }

            /// A client with this configuration.
            pub fn from_conf(config: ::smithy_lean_client::Config) -> Self {
                Client {
                    handle: ::smithy_lean_client::Handle::from_conf(&SERVICE, config),
                }
            }

            /// The client's configuration.
            pub fn config(&self) -> &::smithy_lean_client::Config {
                self.handle.config()
            }

            /// The resolved endpoint (before any operation's host prefix), or why there is none.
            pub fn endpoint(&self) -> Result<&::smithy_lean_client::endpoint::Endpoint, &str> {
                self.handle.endpoint()
            }

            /// Where calls of operation `O` go: the endpoint with its host prefix, or why there is none.
            pub fn endpoint_of<O: ::smithy_lean_client::Operation>(&self) -> Result<::smithy_lean_client::endpoint::Endpoint, String> {
                self.handle.endpoint_of::<O>()
            }

            /// Sends a prebuilt input of operation `O` as it is (an idempotency
            /// token is filled in only where the operation has one and the
            /// input none), and returns the output with the token the call sent.
            pub async fn call<O: ::smithy_lean_client::Operation>(
                &self,
                input: O::Input,
            ) -> Result<
                (O::Output, Option<::smithy_lean_client::ClientRequestToken>),
                ::smithy_lean_client::Error<O::Error>,
            > {
                self.handle.call::<O>(input).await
            }

            #(#methods)*
        }
    }
}

/// A client method `method` that starts the fluent builder `builder` of
/// `operation`'s module: `doc` first, then the model's `docs`.
/// What a call of `operation` takes and gives, for its starting method's
/// documentation: its members (the required ones marked), its output and
/// its error, each linked.
fn call_summary(service: &Service, operation: &Operation) -> Vec<String> {
    let module = format!("crate::operation::{}", operation.module);
    let structure = |types: &crate::ir::Types, name: &str| {
        types.structures.iter().find(|s| s.name == name).cloned()
    };
    let mut lines = Vec::new();
    let members = structure(&service.input, &operation.input)
        .map(|input| input.fields)
        .unwrap_or_default();
    if members.is_empty() {
        lines.push("**Members:** none.".to_owned());
    } else {
        lines.push(format!(
            "**Members**, each a setter on [`{builder}`]({module}::{builder}), with a `set_` form that takes an `Option`:",
            builder = operation.fluent_builder
        ));
        for field in &members {
            let mark = if field.needed_to_build() {
                " (required)"
            } else if field.idempotency_token {
                " (filled in when unset)"
            } else {
                ""
            };
            let about = first_sentence(&field.docs)
                .map(|sentence| format!(": {sentence}"))
                .unwrap_or_default();
            lines.push(format!(
                "- `{}`{mark}{about}",
                crate::naming::unraw(&field.name)
            ));
        }
    }
    lines.push(String::new());
    let outputs: Vec<String> = structure(&service.output, &operation.output)
        .map(|output| {
            output
                .fields
                .iter()
                .map(|f| format!("`{}`", crate::naming::unraw(&f.name)))
                .collect()
        })
        .unwrap_or_default();
    let read = match outputs.is_empty() {
        true => String::new(),
        false => format!(", with {}", outputs.join(", ")),
    };
    lines.push(format!(
        "**Output:** [`{output}`]({module}::{output}){read}.",
        output = operation.output
    ));
    lines.push(String::new());
    lines.push(format!(
        "**Error:** [`Error`](crate::Error)`<`[`{error}`]({module}::{error})`>`.",
        error = operation.error_enum
    ));
    lines
}

/// The first sentence of a member's documentation, if it has any: its
/// first paragraph, up to the first full stop that ends a sentence.
fn first_sentence(docs: &[String]) -> Option<String> {
    let paragraph: Vec<&str> = docs
        .iter()
        .map(|line| line.trim())
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty())
        .collect();
    let text = paragraph.join(" ");
    if text.is_empty() {
        return None;
    }
    let end = text.find(". ").map_or(text.len(), |at| at + 1);
    Some(text[..end].to_owned())
}

fn starting_method(
    operation: &Operation,
    method: &str,
    builder: &str,
    doc: String,
    docs: TokenStream,
) -> TokenStream {
    let (method, module, builder) = (ident(method), ident(&operation.module), ident(builder));
    let separator = (!docs.is_empty()).then(|| quote! { #[doc = ""] });
    quote! {
        #[doc = #doc]
        #separator
        #docs
        pub fn #method(&self) -> crate::operation::#module::#builder {
            crate::operation::#module::#builder::new(self.handle.clone())
        }
    }
}

/// The service's compiled endpoint rules, fed from the engine's built-in
/// parameters.
fn endpoint_resolver(service: &Service, input: &TokenStream) -> TokenStream {
    // The names of the parameters operations set, each once, in the rule
    // set's order: the resolver writes each into its field.
    let context_parameters: Vec<&EndpointParameter> = service
        .endpoint_rules
        .iter()
        .flat_map(|rules| &rules.parameters)
        .filter(|parameter| {
            service.operations.iter().any(|op| {
                op.endpoint_context
                    .iter()
                    .any(|binding| binding.parameter() == parameter.name)
            })
        })
        .collect();
    let context_arg = match context_parameters.is_empty() {
        true => quote! { _context },
        false => quote! { context },
    };
    let signature = quote! {
        fn resolve_endpoint(
            built_ins: &::smithy_lean_client::BuiltIns,
            #context_arg: &[(&'static str, rt::endpoint::ContextValue)],
        ) -> Result<
            rt::aws_smithy_types::endpoint::Endpoint,
            rt::endpoint::ResolveEndpointError,
        >
    };
    let Some(rules) = &service.endpoint_rules else {
        return quote! {
            /// The model has no endpoint rules: only a custom endpoint URL reaches the service.
            #signature {
                match &built_ins.endpoint {
                    Some(url) => Ok(
                        rt::aws_smithy_types::endpoint::Endpoint::builder().url(url.clone()).build(),
                    ),
                    None => Err(
                        rt::endpoint::ResolveEndpointError::new(
                            "the model has no endpoint rules: set an endpoint URL",
                        ),
                    ),
                }
            }
        };
    };
    let mut unset = false;
    let fields: Vec<TokenStream> = rules
        .parameters
        .iter()
        .filter_map(|parameter| {
            let field = ident(&parameter.field);
            let value = match (parameter.built_in.as_deref(), parameter.kind) {
                (Some("AWS::Region"), ParameterKind::String) => quote! { built_ins.region.clone() },
                (Some("SDK::Endpoint"), ParameterKind::String) => {
                    quote! { built_ins.endpoint.clone() }
                }
                (Some("AWS::UseFIPS"), ParameterKind::Boolean) => quote! { built_ins.use_fips },
                (Some("AWS::UseDualStack"), ParameterKind::Boolean) => {
                    quote! { built_ins.use_dual_stack }
                }
                _ => {
                    unset = true;
                    return None;
                }
            };
            let value = match (parameter.always_set(), parameter.kind) {
                (true, ParameterKind::String) => quote! { #value.unwrap_or_default() },
                (false, ParameterKind::Boolean) => quote! { Some(#value) },
                _ => value,
            };
            Some(quote! { #field: #value, })
        })
        .collect();
    let rest = unset.then(|| quote! { ..Default::default() });
    let partitions = match (rules.uses_partitions, service.partitions.is_some()) {
        (true, true) => quote! { , &#input::partition_of },
        // No partition data was given: `aws.partition` finds none.
        (true, false) => quote! { , &|_| None },
        (false, _) => TokenStream::new(),
    };
    // The configuration's values of the service's own parameters, then
    // the call's own values over them.
    let client_parameters: Vec<&EndpointParameter> = rules
        .client_parameters
        .iter()
        .filter_map(|client| rules.parameters.iter().find(|p| p.name == client.name))
        .collect();
    let mut set_context = TokenStream::new();
    if !client_parameters.is_empty() {
        let set = set_parameters(&client_parameters, quote! { name.as_str() });
        set_context.extend(quote! {
            for (name, value) in &built_ins.client_parameters {
                #set
            }
        });
    }
    if !context_parameters.is_empty() {
        let set = set_parameters(&context_parameters, quote! { *name });
        set_context.extend(quote! {
            // The call's own values, over those of configuration.
            for (name, value) in context {
                #set
            }
        });
    }
    let binding = match set_context.is_empty() {
        true => quote! { let params },
        false => quote! { let mut params },
    };
    quote! {
        /// The model's endpoint rules, from the parameters SDKs fill from
        /// configuration and those a call sets.
        #signature {
            #binding = #input::EndpointParams {
                #(#fields)*
                #rest
            };
            #set_context
            #input::resolve_endpoint(&params #partitions)
        }
    }
}

/// Sets each of `parameters` whose name `(name, value)` has, `name` read
/// as `name_expr`: one `if let` for one parameter, else a `match`.
fn set_parameters(parameters: &[&EndpointParameter], name_expr: TokenStream) -> TokenStream {
    let arms: Vec<(TokenStream, TokenStream)> = parameters
        .iter()
        .map(|parameter| {
            let (name, field) = (&parameter.name, ident(&parameter.field));
            let (variant, value) = match parameter.kind {
                ParameterKind::String => (quote! { String }, quote! { value.clone() }),
                ParameterKind::Boolean => (quote! { Boolean }, quote! { *value }),
                ParameterKind::StringArray => (quote! { StringArray }, quote! { value.clone() }),
            };
            let value = match parameter.always_set() {
                true => value,
                false => quote! { Some(#value) },
            };
            (
                quote! { (#name, rt::endpoint::ContextValue::#variant(value)) },
                quote! { params.#field = #value; },
            )
        })
        .collect();
    match arms.as_slice() {
        [(pattern, set)] => quote! {
            if let #pattern = (#name_expr, value) {
                #set
            }
        },
        arms => {
            let arms = arms
                .iter()
                .map(|(pattern, set)| quote! { #pattern => { #set } });
            quote! {
                match (#name_expr, value) {
                    #(#arms)*
                    // A value of another type than its parameter's is not
                    // the parameter's: the generated setters give none.
                    _ => {}
                }
            }
        }
    }
}

/// `src/operation/<op>.rs`: the operation's types, its description for the
/// engine, and its fluent builder.
pub(super) fn operation_module(
    operation: &Operation,
    input: &Structure,
    crates: &TypeCrates,
) -> TokenStream {
    let (input_crate, output_crate, error_crate) = (&crates.input, &crates.output, &crates.errors);
    let marker = ident(&operation.marker);
    let input_type = ident(&operation.input);
    let input_builder = ident(&input.builder);
    let output_type = ident(&operation.output);
    let error_type = ident(&operation.error_enum);
    let builder = ident(&operation.fluent_builder);
    let name = &operation.name;
    let token = input
        .fields
        .iter()
        .find(|field| field.idempotency_token)
        .map(|field| {
            let member = ident(&field.name);
            quote! { , token = #member }
        });
    let members = input
        .fields
        .iter()
        .map(|field| builder_member(field, input_crate, TokenStream::new()));
    let (paginated, paginated_flag) = match &operation.pagination {
        Some(pagination) => {
            let token = &pagination.input_token;
            let (get_token, set_token) = (ident(&token.get_method), ident(&token.set_method));
            let with_page_size = match &pagination.page_size {
                Some((member, kind)) => {
                    let setter = ident(&member.setter);
                    let size = match kind {
                        Kind::Long => quote! { i64::from(size) },
                        _ => quote! { size },
                    };
                    quote! { builder.#setter(#size) }
                }
                None => quote! { let _ = size; builder },
            };
            let next_token = path_walk(&pagination.output_token);
            let items = pagination.items.as_ref().map(|(steps, collection)| {
                let walk = path_walk(steps);
                // A list's items, or a map's entries as (key, value) pairs,
                // as the AWS SDK for Rust pages them.
                let (item_type, holder, collect) = match &collection.kind {
                    Kind::Map { key, value } => {
                        let (key, value) = (
                            super::rust_type_in(key, output_crate),
                            super::rust_type_in(value, output_crate),
                        );
                        (
                            quote! { (#key, #value) },
                            quote! { ::std::collections::HashMap<#key, #value> },
                            quote! { |map| map.iter().map(|(key, value)| (key.clone(), value.clone())).collect() },
                        )
                    }
                    Kind::List(item) => {
                        let item = super::rust_type_in(item, output_crate);
                        (quote! { #item }, quote! { [#item] }, quote! { <[#item]>::to_vec })
                    }
                    _ => unreachable!("lowering allows lists and maps only"),
                };
                quote! {
                    impl ::smithy_lean_client::PaginatedItems for #marker {
                        type Item = #item_type;

                        fn items(output: Self::Output) -> Vec<Self::Item> {
                            fn walk(value: &#output_crate::#output_type) -> Option<&#holder> {
                                #walk
                            }
                            walk(&output).map(#collect).unwrap_or_default()
                        }
                    }
                }
            });
            let paginated = quote! {
                impl ::smithy_lean_client::Paginated for #marker {
                    fn token(builder: &#input_crate::#input_builder) -> Option<&str> {
                        builder.#get_token().as_deref()
                    }

                    fn with_token(builder: #input_crate::#input_builder, token: Option<String>) -> #input_crate::#input_builder {
                        builder.#set_token(token)
                    }

                    fn with_page_size(builder: #input_crate::#input_builder, size: i32) -> #input_crate::#input_builder {
                        #with_page_size
                    }

                    fn next_token(value: &Self::Output) -> Option<&str> {
                        #next_token
                    }
                }

                #items
            };
            (paginated, quote! { , paginated })
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let waiters = operation.waiters.iter().map(|waiter| {
        let members = input
            .fields
            .iter()
            .map(|field| builder_member(field, input_crate, TokenStream::new()));
        super::waiters::emit(waiter, operation, crates, &input_builder, members.collect())
    });
    let waiters = quote! { #(#waiters)* };
    let marker_doc = format!(
        " The `{name}` operation, as the client's engine calls it: its types, how its request is written and how its responses are read."
    );
    let operation_docs = doc_attrs(&operation.docs, operation.deprecated.as_ref());
    quote! {
        pub use #input_crate::{#input_type, #input_builder};
        pub use #output_crate::#output_type;
        pub use #error_crate::#error_type;

        #[doc = #marker_doc]
        #[doc = ""]
        #operation_docs
        #[derive(Clone, Copy, Debug, Default)]
        pub struct #marker;

        impl ::smithy_lean_client::Operation for #marker {
            type Input = #input_crate::#input_type;
            type Output = #output_crate::#output_type;
            type Error = #error_crate::#error_type;
        }

        #[::smithy_lean_client::fluent_builder]
        #[call(#marker, #input_builder, #output_type, #error_type #token #paginated_flag)]
        pub struct #builder {
            #(#members)*
        }

        #paginated

        #waiters
    }
}

/// The body of a function that follows accessors from `value` and returns
/// an `Option` of what the last one gives.
fn path_walk(steps: &[PathStep]) -> TokenStream {
    let mut body = TokenStream::new();
    for (index, step) in steps.iter().enumerate() {
        let accessor = ident(&step.accessor);
        let last = index + 1 == steps.len();
        body.extend(match (last, step.optional) {
            (true, true) => quote! { value.#accessor() },
            (true, false) => quote! { Some(value.#accessor()) },
            (false, true) => quote! { let value = value.#accessor()?; },
            (false, false) => quote! { let value = value.#accessor(); },
        });
    }
    body
}

/// `src/operation.rs`: one module per operation.
pub(super) fn operation_index(service: &Service) -> TokenStream {
    let modules = service.operations.iter().map(|operation| {
        let module = ident(&operation.module);
        let doc = format!(
            " The `{}` operation: its input, output and error, and its fluent builder.",
            operation.name
        );
        quote! { #[doc = #doc] pub mod #module; }
    });
    quote! {
        pub use rt::operation::{OperationError, OperationInput, OperationOutput};

        #(#modules)*
    }
}

/// `src/types.rs`: the shapes operations use that are not an operation's
/// input, output or error, by the name a caller writes.
pub(super) fn types_module(service: &Service, crates: &TypeCrates) -> TokenStream {
    let operation_types: Vec<&str> = service
        .operations
        .iter()
        .flat_map(|op| [op.input.as_str(), op.output.as_str()])
        .collect();
    let mut exported: Vec<&str> = Vec::new();
    let mut items = Vec::new();
    for (types, krate) in [
        (&service.input, &crates.input),
        (&service.output, &crates.output),
    ] {
        let names = types
            .structures
            .iter()
            .flat_map(|s| [s.name.as_str(), s.builder.as_str()])
            .chain(types.enums.iter().map(|e| e.name.as_str()))
            .chain(types.unions.iter().map(|u| u.name.as_str()));
        for name in names {
            let of_operation = operation_types
                .iter()
                .any(|op| name == *op || name.strip_suffix("Builder") == Some(op));
            // A shape both sent and received has a type in each crate: the
            // input crate's, which callers build, is the one named here.
            if of_operation || exported.contains(&name) {
                continue;
            }
            exported.push(name);
            let name = ident(name);
            items.push(quote! { pub use #krate::#name; });
        }
    }
    let errors = &crates.errors;
    // The error crate's enums (Chime's `ErrorCode`) are shapes too.
    for enumeration in &service.errors.enums {
        if !exported.contains(&enumeration.name.as_str()) {
            exported.push(&enumeration.name);
            let name = ident(&enumeration.name);
            items.push(quote! { pub use #errors::#name; });
        }
    }
    let error_types = service.errors.structures.iter().flat_map(|s| {
        let (name, builder) = (ident(&s.name), ident(&s.builder));
        [
            quote! { pub use #errors::#name; },
            quote! { pub use #errors::#builder; },
        ]
    });
    quote! {
        #(#items)*

        /// The modelled errors, each one a variant of the error enums of the operations that return it.
        pub mod error {
            #(#error_types)*
        }
    }
}

/// `src/error.rs`: the error of a call, and what it tells apart.
pub(super) fn error_module() -> TokenStream {
    // Each item keeps its own documentation: rustdoc would show a
    // re-export's own before it, saying the same twice.
    quote! {
        pub use ::smithy_lean_client::{
            ConstructionFailure, DisplayErrorContext, Error, ErrorKind, InvalidInput, TimeoutError,
            UnreadableResponse,
        };
        pub use rt::aws_smithy_types::error::metadata::ProvideErrorMetadata;
        pub use rt::{BodyExcerpt, UntrustedText};
    }
}

/// `src/config.rs`: the configuration, as the AWS SDK for Rust names it.
pub(super) fn config_module(service: &Service) -> TokenStream {
    // A service that takes bearer tokens: the token type its
    // `token_provider` takes, where the AWS SDK for Rust puts it.
    let token = (service.auth == ServiceAuth::Bearer).then(|| {
        quote! {
            pub use ::smithy_lean_client::Token;
        }
    });
    let endpoint_parameters = service
        .endpoint_rules
        .as_ref()
        .filter(|rules| !rules.client_parameters.is_empty())
        .map(|rules| {
            let methods = rules.client_parameters.iter().map(|parameter| {
                let method = ident(&parameter.method);
                let name = &parameter.name;
                let (ty, variant) = match parameter.kind {
                    ParameterKind::Boolean => (quote! { bool }, quote! { Boolean(value) }),
                    _ => (
                        quote! { impl Into<String> },
                        quote! { String(value.into()) },
                    ),
                };
                let docs = doc_attrs(&parameter.docs, None);
                let origin = format!(" The endpoint rules' `{name}`.");
                (
                    quote! {
                        #docs
                        #[doc = ""]
                        #[doc = #origin]
                        fn #method(self, value: #ty) -> Self;
                    },
                    quote! {
                        fn #method(self, value: #ty) -> Self {
                            self.endpoint_parameter(#name, rt::endpoint::ContextValue::#variant)
                        }
                    },
                )
            });
            let (declared, defined): (Vec<_>, Vec<_>) = methods.unzip();
            quote! {
                /// The service's own endpoint settings (`smithy.rules#clientContextParams`),
                /// on the configuration's builder: `use crate::config::EndpointParameters;`,
                /// then set them as any other setting. A call that sets one itself wins.
                pub trait EndpointParameters: Sized {
                    #(#declared)*
                }

                impl EndpointParameters for ::smithy_lean_client::ConfigBuilder {
                    #(#defined)*
                }
            }
        });
    quote! {
        pub use ::smithy_lean_client::{
            Config, ConfigBuilder as Builder, Region, DEFAULT_CONNECT_TIMEOUT,
            DEFAULT_CREDENTIALS_LOAD_TIMEOUT, DEFAULT_STALL_GRACE_PERIOD,
        };
        pub use ::smithy_lean_client::{
            BehaviorVersion, Credentials, SharedCredentialsProvider, StalledStreamProtectionConfig,
        };
        pub use ::smithy_lean_client::{AttemptOutcome, HttpRequest, HttpResponse, Interceptor};
        /// Retry settings, as the AWS SDK for Rust names them.
        pub mod retry {
            pub use ::smithy_lean_client::RetryConfig;
        }
        /// Timeout settings, as the AWS SDK for Rust names them.
        pub mod timeout {
            pub use ::smithy_lean_client::TimeoutConfig;
        }
        #token
        #endpoint_parameters
    }
}

/// Whether a member of any generated type holds a `bigInteger` or `bigDecimal`.
fn holds_big_numbers(service: &Service) -> bool {
    fn holds(value: &Value) -> bool {
        match &value.kind {
            Kind::BigInteger | Kind::BigDecimal => true,
            Kind::List(item) | Kind::Map { value: item, .. } => holds(item),
            _ => false,
        }
    }
    [&service.input, &service.output, &service.errors]
        .iter()
        .any(|types| {
            let fields = types
                .structures
                .iter()
                .flat_map(|s| &s.fields)
                .map(|f| &f.value);
            let variants = types
                .unions
                .iter()
                .flat_map(|u| &u.variants)
                .filter_map(|v| v.value.as_ref());
            fields.chain(variants).any(holds)
        })
}

/// `src/lib.rs`: the modules, and the names callers use most at the root.
pub(super) fn lib_rs(service: &Service) -> TokenStream {
    let modules = [
        ("client", None),
        (
            "config",
            Some("The client's configuration, as the AWS SDK for Rust names it."),
        ),
        (
            "error",
            Some("The error of a call, and what it tells apart."),
        ),
        (
            "operation",
            Some(
                "One module per operation: its input, output, error and fluent builder; and the traits that say what an input, output and error tell the client (method, path, success status, how responses are read).",
            ),
        ),
        (
            "types",
            Some("The shapes that operations use, and the modelled errors."),
        ),
    ];
    let payloads = || {
        [&service.input, &service.output]
            .into_iter()
            .flat_map(|types| &types.structures)
            .filter_map(|structure| structure.stream_payload())
    };
    let streams = payloads().any(|field| matches!(field.value.kind, Kind::Stream { .. }));
    let event_streams = payloads()
        .any(|field| matches!(field.value.kind, Kind::EventStream { .. }))
        .then(|| {
            quote! {
                /// Event streams: what an operation sends (`EventStreamSender`, made from any
                /// `Stream` of events) or receives (`EventReceiver`), message by message.
                pub mod event_stream {
                    pub use rt::event_stream::{EventReceiver, EventStreamSender, ReceiveError};
                }
            }
        });
    let byte_stream = streams.then(|| {
        quote! {
            pub use rt::ByteStream;
        }
    });
    let big_numbers = holds_big_numbers(service).then(|| {
        quote! {
            pub use rt::aws_smithy_types::BigDecimal;
            pub use rt::aws_smithy_types::BigInteger;
        }
    });
    let primitives = quote! {
        /// The model's primitive types that Rust has none of, as the AWS SDK for Rust names
        /// them: a blob is a `Blob`, a timestamp a `DateTime`, a document a `Document`, a
        /// streaming payload a `ByteStream`, and a bigInteger or bigDecimal a `BigInteger`
        /// or `BigDecimal`, each where the model has one.
        pub mod primitives {
            #big_numbers
            pub use rt::aws_smithy_types::Blob;
            pub use rt::aws_smithy_types::DateTime;
            pub use rt::aws_smithy_types::Document;
            #byte_stream
            #event_streams
        }
    };
    let declarations = modules.iter().map(|(module, doc)| {
        let module = ident(module);
        match doc {
            None => quote! { #[rustfmt::skip] mod #module; },
            Some(doc) => {
                let doc = format!(" {doc}");
                quote! { #[doc = #doc] #[rustfmt::skip] pub mod #module; }
            }
        }
    });
    // One item a `use`, in the order rustfmt sorts them, so that `cargo fmt`
    // leaves the crate root as it is written.
    let mut exports: Vec<&str> = vec![
        "crate::client::Client",
        "crate::config::Config",
        "crate::config::DEFAULT_CONNECT_TIMEOUT",
        "crate::config::DEFAULT_CREDENTIALS_LOAD_TIMEOUT",
        "crate::config::DEFAULT_STALL_GRACE_PERIOD",
        "crate::config::Region",
        "crate::error::Error",
        "crate::error::ErrorKind",
        "::smithy_lean_client::ClientRequestToken",
        "::smithy_lean_client::ConfigBuilder",
        "::smithy_lean_client::endpoint",
        "::smithy_lean_client::https_client",
        "::smithy_lean_client::token",
        "::smithy_lean_client::MAX_RESPONSE_BODY",
        "::smithy_lean_client::MIN_BODY_THROUGHPUT",
        "::smithy_lean_client::mock",
        "::smithy_lean_client::Operation",
    ];
    if service.operations.iter().any(|op| !op.waiters.is_empty()) {
        exports.push("::smithy_lean_client::waiter");
    }
    exports.sort_by(|a, b| {
        let key = |path: &str| {
            let rooted = path.starts_with("::");
            (
                rooted,
                path.trim_start_matches("::")
                    .split("::")
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            )
        };
        key(a).cmp(&key(b))
    });
    // Each item keeps its own documentation: rustdoc would show a
    // re-export's own before it, saying the same twice.
    let exports = exports.iter().map(|path| {
        let cfg = (*path == "::smithy_lean_client::mock")
            .then(|| quote! { #[cfg(feature = "test-util")] });
        let path: syn::Path = syn::parse_str(path).expect("a path written above");
        quote! { #cfg pub use #path; }
    });
    quote! {
        #(#declarations)*
        #primitives
        #(#exports)*
    }
}
