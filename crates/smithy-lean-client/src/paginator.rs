//! Paginators: every page of a `@paginated` operation, one call per page,
//! each carrying the token the page before returned.
//!
//! A generated client describes each paginated operation with
//! [`Paginated`] (and [`PaginatedItems`] where the model names the items of
//! a page); its fluent builders' `into_paginator()` start a [`Paginator`].
//!
//! ```ignore
//! let mut pages = client.list_accounts().into_paginator().page_size(50).send();
//! while let Some(page) = pages.next().await {
//!     for account in page?.accounts() {
//!         println!("{:?}", account.name());
//!     }
//! }
//! // Or the items of every page, one by one:
//! let accounts = client.list_accounts().into_paginator().items().send().try_collect().await?;
//! ```

use crate::operation::InputBuilder;
use crate::{Error, Handle, Operation};
use smithy_lean_runtime::builders::{Structure, StructureBuilder};
use std::collections::VecDeque;

/// A paginated operation, as the generator describes it from its
/// `@paginated` trait: how a page's call is built from the caller's input
/// builder, and where a page says what the next one is. Each page's call
/// starts from a copy of the input's builder (which a streaming payload
/// would not allow).
pub trait Paginated: Operation<Input: Structure<Builder: Clone>> {
    /// The input token the builder holds, if any.
    fn token(builder: &InputBuilder<Self>) -> Option<&str>;

    /// Sets the input token (`inputToken`) of a page's call.
    fn with_token(builder: InputBuilder<Self>, token: Option<String>) -> InputBuilder<Self>;

    /// Sets how many results a page holds at most (`pageSize`); an
    /// operation without a page size leaves the builder as it is.
    fn with_page_size(builder: InputBuilder<Self>, size: i32) -> InputBuilder<Self>;

    /// The token of the next page (`outputToken`), `None` after the last.
    fn next_token(output: &Self::Output) -> Option<&str>;
}

/// A paginated operation whose pages hold a list of items (the trait's `items`).
pub trait PaginatedItems: Paginated {
    /// One item.
    type Item: Send + 'static;

    /// The items of one page, in order.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}

/// Every page of calls of `O` that start from one input: set it up, then
/// [`send`](Self::send) for the pages or [`items`](Self::items) for what
/// they hold.
pub struct Paginator<O: Paginated> {
    handle: Handle,
    builder: InputBuilder<O>,
    stop_on_duplicate_token: bool,
}

impl<O: Paginated> Paginator<O> {
    /// Pages of calls made with `handle`, each starting from `builder`.
    /// A token the builder holds already is the first page's.
    pub fn new(handle: Handle, builder: InputBuilder<O>) -> Self {
        Paginator {
            handle,
            builder,
            stop_on_duplicate_token: true,
        }
    }

    /// Asks for at most `size` results a page, where the operation has a page size.
    pub fn page_size(mut self, size: i32) -> Self {
        self.builder = O::with_page_size(self.builder, size);
        self
    }

    /// Whether to stop when a page returns the token it was sent, as the
    /// AWS SDKs do by default (on): a service that repeats a token would
    /// otherwise be asked for the same page forever.
    pub fn stop_on_duplicate_token(mut self, stop: bool) -> Self {
        self.stop_on_duplicate_token = stop;
        self
    }

    /// The pages, one call each, made as [`PageStream::next`] asks for them.
    pub fn send(self) -> PageStream<O> {
        let sent_token = O::token(&self.builder).map(str::to_owned);
        PageStream {
            handle: self.handle,
            builder: Some(self.builder),
            sent_token,
            stop_on_duplicate_token: self.stop_on_duplicate_token,
        }
    }

    /// The items of every page, in order: [`send`](PaginatorItems::send)
    /// starts them, as in the AWS SDK for Rust.
    pub fn items(self) -> PaginatorItems<O>
    where
        O: PaginatedItems,
    {
        PaginatorItems { paginator: self }
    }
}

/// The items of a [`Paginator`]'s pages, not asked for yet.
pub struct PaginatorItems<O: PaginatedItems> {
    paginator: Paginator<O>,
}

impl<O: PaginatedItems> PaginatorItems<O> {
    /// The items, one page's call at a time, made as
    /// [`ItemStream::next`] asks for them.
    pub fn send(self) -> ItemStream<O> {
        ItemStream {
            pages: self.paginator.send(),
            buffered: VecDeque::new(),
        }
    }
}

/// The pages of a [`Paginator`]: call [`next`](Self::next) until it gives `None`.
pub struct PageStream<O: Paginated> {
    handle: Handle,
    /// The next page's builder; `None` once the last page, or an error, came.
    builder: Option<InputBuilder<O>>,
    /// The token the page being asked for was sent, to notice a repeat.
    sent_token: Option<String>,
    stop_on_duplicate_token: bool,
}

impl<O: Paginated> PageStream<O> {
    /// The next page: `None` after the last one, or after an error, which
    /// ends the stream as it is given.
    pub async fn next(&mut self) -> Option<Result<O::Output, Error<O::Error>>> {
        let builder = self.builder.take()?;
        let input = match builder.clone().build_structure() {
            Ok(input) => input,
            Err(missing) => return Some(Err(Error::missing(O::NAME, missing))),
        };
        let output = match self.handle.call::<O>(input).await {
            Ok((output, _)) => output,
            Err(error) => return Some(Err(error)),
        };
        // An empty token ends pagination as an absent one does.
        let next = O::next_token(&output).filter(|token| !token.is_empty());
        let repeated = self.stop_on_duplicate_token && next == self.sent_token.as_deref();
        if let Some(token) = next
            && !repeated
        {
            let token = token.to_owned();
            self.sent_token = Some(token.clone());
            self.builder = Some(O::with_token(builder, Some(token)));
        }
        Some(Ok(output))
    }

    /// Every remaining page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<O::Output>, Error<O::Error>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }
}

/// The items of every page of a [`Paginator`], in order: call
/// [`next`](Self::next) until it gives `None`.
pub struct ItemStream<O: PaginatedItems> {
    pages: PageStream<O>,
    buffered: VecDeque<O::Item>,
}

impl<O: PaginatedItems> ItemStream<O> {
    /// The next item, asking for the next page when this one has no more:
    /// `None` after the last item, or after an error.
    pub async fn next(&mut self) -> Option<Result<O::Item, Error<O::Error>>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.buffered.extend(O::items(page)),
                Err(error) => return Some(Err(error)),
            }
        }
    }

    /// Every remaining item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<O::Item>, Error<O::Error>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

// Shown by operation and state only: the input may hold sensitive values,
// and its builder's own `Debug` is the place that decides what to show.
impl<O: Paginated> std::fmt::Debug for Paginator<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("operation", &O::NAME)
            .field("stop_on_duplicate_token", &self.stop_on_duplicate_token)
            .finish_non_exhaustive()
    }
}

impl<O: Paginated> std::fmt::Debug for PageStream<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageStream")
            .field("operation", &O::NAME)
            .field("finished", &self.builder.is_none())
            .finish_non_exhaustive()
    }
}

impl<O: PaginatedItems> std::fmt::Debug for PaginatorItems<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaginatorItems")
            .field("paginator", &self.paginator)
            .finish()
    }
}

impl<O: PaginatedItems> std::fmt::Debug for ItemStream<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream")
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuiltIns, Config, ContextValue, Service, ServiceAuth};
    use smithy_lean_runtime::builders::Structure;
    use smithy_lean_runtime::endpoint::ResolveEndpointError;
    use smithy_lean_runtime::operation::{OperationInput, OperationOutput};
    use smithy_lean_runtime::request::{self, RequestError};
    use smithy_lean_runtime::validation::Validate;
    use smithy_lean_runtime::{ConstraintViolation, JsonError, ResponseError, UnhandledError};
    use std::sync::{Arc, Mutex};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A paginated operation of a made-up service: `GET /numbers`, whose
    /// pages are plain text, `1,2,3;next-token`.
    struct ListNumbers;

    #[derive(Clone, Debug, Default)]
    struct Input {
        token: Option<String>,
        size: Option<i32>,
    }

    #[derive(Debug)]
    struct Output {
        numbers: Vec<u32>,
        next: Option<String>,
    }

    fn resolve(
        built_ins: &BuiltIns,
        _context: &[(&'static str, ContextValue)],
    ) -> Result<aws_smithy_types::endpoint::Endpoint, ResolveEndpointError> {
        let url = built_ins.endpoint.clone().expect("the tests set one");
        Ok(aws_smithy_types::endpoint::Endpoint::builder()
            .url(url)
            .build())
    }

    static SERVICE: Service = Service {
        sdk_id: "Numbers",
        client_version: "1.0.0",
        auth: ServiceAuth::SigV4 {
            signing_name: "numbers",
        },
        resolve_endpoint: resolve,
    };

    impl Operation for ListNumbers {
        type Input = Input;
        type Output = Output;
        type Error = UnhandledError;
    }

    impl Structure for Input {
        type Builder = Input;
    }

    impl StructureBuilder for Input {
        type Structure = Input;

        fn build_structure(self) -> Result<Input, smithy_lean_runtime::BuildError> {
            Ok(self)
        }
    }

    impl Validate for Input {
        fn collect_violations(&self, _: &str, _: &mut Vec<ConstraintViolation>) {}
    }

    impl OperationInput for Input {
        const OPERATION_NAME: &'static str = "ListNumbers";
        const HTTP_METHOD: &'static str = "GET";
        const HTTP_PATH: &'static str = "/numbers";
        const HTTP_SUCCESS_STATUS: u16 = 200;
        const HOST_PREFIX: Option<&'static str> = None;

        fn into_http_request(
            self,
        ) -> Result<http::Request<aws_smithy_types::body::SdkBody>, RequestError> {
            let mut uri = Self::HTTP_PATH.to_owned();
            if let Some(size) = self.size {
                request::push_query(&mut uri, "size", Some(&size.to_string()));
            }
            if let Some(token) = &self.token {
                request::push_query(&mut uri, "token", Some(token));
            }
            request::build(Self::HTTP_METHOD, uri, request::Headers::new(), None)
        }
    }

    impl OperationOutput for Output {
        fn from_response(
            _: u16,
            _: &http::HeaderMap,
            body: &[u8],
        ) -> Result<Output, ResponseError> {
            let text = std::str::from_utf8(body).map_err(|_| JsonError::new("not text"))?;
            let (numbers, next) = text.split_once(';').unwrap_or((text, ""));
            let numbers = numbers
                .split(',')
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().map_err(|_| JsonError::new("not a number")))
                .collect::<Result<_, _>>()?;
            Ok(Output {
                numbers,
                next: (!next.is_empty() || text.ends_with(';')).then(|| next.to_owned()),
            })
        }
    }

    impl Paginated for ListNumbers {
        fn token(builder: &Input) -> Option<&str> {
            builder.token.as_deref()
        }

        fn with_token(mut builder: Input, token: Option<String>) -> Input {
            builder.token = token;
            builder
        }

        fn with_page_size(mut builder: Input, size: i32) -> Input {
            builder.size = Some(size);
            builder
        }

        fn next_token(output: &Output) -> Option<&str> {
            output.next.as_deref()
        }
    }

    impl PaginatedItems for ListNumbers {
        type Item = u32;

        fn items(output: Output) -> Vec<u32> {
            output.numbers
        }
    }

    /// Answers each request with the first page whose target it is, or a
    /// 400; the targets asked for, in order.
    async fn serve(
        pages: &'static [(&'static str, u16, &'static str)],
    ) -> (Handle, Arc<Mutex<Vec<String>>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let log = log.clone();
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    loop {
                        while !head.ends_with(b"\r\n\r\n") {
                            match stream.read(&mut byte).await {
                                Ok(1) => head.push(byte[0]),
                                _ => return,
                            }
                        }
                        let text = String::from_utf8_lossy(&head).into_owned();
                        head.clear();
                        let target = text.split(' ').nth(1).unwrap_or_default().to_owned();
                        log.lock().unwrap().push(target.clone());
                        let (status, body) = pages
                            .iter()
                            .find(|(page, _, _)| *page == target)
                            .map_or((400, "no such page"), |(_, status, body)| (*status, *body));
                        let answer = format!(
                            "HTTP/1.1 {status} X\r\ncontent-length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        if stream.write_all(answer.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        let config = Config::builder()
            .region(crate::Region::new("us-east-1"))
            .credentials_provider(aws_credential_types::Credentials::for_tests())
            .endpoint_url(format!("http://127.0.0.1:{port}"))
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .build();
        (Handle::from_conf(&SERVICE, config), asked)
    }

    fn paginator(handle: Handle) -> Paginator<ListNumbers> {
        Paginator::new(handle, Input::default())
    }

    #[tokio::test]
    async fn pages_follow_the_tokens_and_items_come_in_order() {
        let (handle, asked) = serve(&[
            ("/numbers?size=2", 200, "1,2;b"),
            ("/numbers?size=2&token=b", 200, "3,4;c"),
            ("/numbers?size=2&token=c", 200, "5"),
        ])
        .await;
        let items = paginator(handle)
            .page_size(2)
            .items()
            .send()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items, [1, 2, 3, 4, 5]);
        assert_eq!(
            *asked.lock().unwrap(),
            [
                "/numbers?size=2",
                "/numbers?size=2&token=b",
                "/numbers?size=2&token=c"
            ]
        );
    }

    #[tokio::test]
    async fn a_call_from_a_builder_sends_it_and_one_without_a_token_cannot_return_one() {
        let (handle, asked) = serve(&[("/numbers?size=3", 200, "7")]).await;
        let builder = Input {
            size: Some(3),
            ..Input::default()
        };
        let output = handle.send::<ListNumbers>(builder.clone()).await.unwrap();
        assert_eq!(output.numbers, [7]);
        let error = handle
            .send_with_token::<ListNumbers>(builder)
            .await
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("ListNumbers has no idempotency token"),
            "{error}"
        );
        assert_eq!(asked.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn an_empty_token_ends_the_pages() {
        let (handle, asked) = serve(&[("/numbers", 200, "1;")]).await;
        let pages = paginator(handle).send().try_collect().await.unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(asked.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_repeated_token_ends_the_pages_unless_asked_otherwise() {
        static PAGES: &[(&str, u16, &str)] = &[
            ("/numbers", 200, "1;same"),
            ("/numbers?token=same", 200, "2;same"),
        ];
        let (handle, _) = serve(PAGES).await;
        let items = paginator(handle)
            .items()
            .send()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items, [1, 2], "the page that repeats its token is the last");
        // Without the check, the same page comes back for as long as asked.
        let (handle, _) = serve(PAGES).await;
        let mut pages = paginator(handle).stop_on_duplicate_token(false).send();
        for _ in 0..4 {
            assert!(pages.next().await.unwrap().is_ok());
        }
    }

    #[tokio::test]
    async fn a_token_the_input_holds_is_the_first_pages() {
        let (handle, asked) = serve(&[("/numbers?token=start", 200, "7;start")]).await;
        let input = Input {
            token: Some("start".to_owned()),
            size: None,
        };
        let items = Paginator::<ListNumbers>::new(handle, input)
            .items()
            .send()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(
            items,
            [7],
            "a page that returns the token it was sent is the last"
        );
        assert_eq!(*asked.lock().unwrap(), ["/numbers?token=start"]);
    }

    #[tokio::test]
    async fn debug_shows_the_operation_and_the_state_not_the_input() {
        let (handle, _) = serve(&[("/numbers?token=secret-token", 200, "1")]).await;
        let input = Input {
            token: Some("secret-token".to_owned()),
            size: None,
        };
        let paginator = Paginator::<ListNumbers>::new(handle, input);
        let shown = format!("{paginator:?}");
        assert_eq!(
            shown,
            r#"Paginator { operation: "ListNumbers", stop_on_duplicate_token: true, .. }"#
        );
        let mut items = paginator.items().send();
        assert_eq!(
            format!("{items:?}"),
            r#"ItemStream { pages: PageStream { operation: "ListNumbers", finished: false, .. }, buffered: 0 }"#
        );
        assert_eq!(items.next().await.unwrap().unwrap(), 1);
        assert!(format!("{items:?}").contains("finished: true"));
    }

    #[tokio::test]
    async fn an_error_is_given_once_and_ends_the_pages() {
        let (handle, asked) = serve(&[("/numbers", 200, "1,2;b")]).await;
        let mut items = paginator(handle).items().send();
        assert_eq!(items.next().await.unwrap().unwrap(), 1);
        assert_eq!(items.next().await.unwrap().unwrap(), 2);
        let error = items.next().await.unwrap().unwrap_err();
        assert_eq!(error.http_status(), Some(400));
        assert!(items.next().await.is_none());
        assert!(items.next().await.is_none());
        assert_eq!(*asked.lock().unwrap(), ["/numbers", "/numbers?token=b"]);
    }
}
