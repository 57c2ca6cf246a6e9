//! The fluent builder of a `CreateAppInstance` call.

use crate::client::Client;
use crate::error::{Error, ErrorKind, InvalidInput};
use crate::token::ClientRequestToken;
use chime_input::{CreateAppInstanceInput, CreateAppInstanceInputBuilder, Tag};
use chime_output::CreateAppInstanceOutput;

/// Collects the members of one `CreateAppInstance` call; [`send`](Self::send) sends it.
///
/// Every setter of [`CreateAppInstanceInputBuilder`] is here: `name()`,
/// `set_name()`, `get_name()` and so on, with `tags()` appending one tag.
///
/// ```no_run
/// # async fn example(client: &chime::Client) -> Result<(), chime::Error> {
/// let output = client
///     .create_app_instance()
///     .name("ops")
///     .tags(chime::Tag::builder().key("team").value("ops").build()?)
///     .tags(chime::Tag::builder().key("env").value("prod").build()?)
///     .send()
///     .await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct CreateAppInstanceFluentBuilder {
    client: Client,
    input: CreateAppInstanceInputBuilder,
}

impl CreateAppInstanceFluentBuilder {
    pub(crate) fn new(client: Client) -> Self {
        Self {
            client,
            input: CreateAppInstanceInput::builder(),
        }
    }

    /// Sends the call and returns the service's answer.
    pub async fn send(self) -> Result<CreateAppInstanceOutput, Error> {
        self.send_with_token().await.map(|(output, _)| output)
    }

    /// Sends the call and returns the answer with the idempotency token the
    /// call sent, to repeat it later without creating a second instance.
    ///
    /// ```no_run
    /// # async fn example(client: &chime::Client) {
    /// match client.create_app_instance().name("ops").send_with_token().await {
    ///     Ok((output, token)) => println!("created with token {}", token.as_str()),
    ///     // The instance may exist even so: repeat with the same token.
    ///     Err(error) => match error.client_request_token() {
    ///         Some(token) => println!("retry later with {}", token.as_str()),
    ///         None => println!("nothing was sent: {error}"),
    ///     },
    /// }
    /// # }
    /// ```
    pub async fn send_with_token(
        self,
    ) -> Result<(CreateAppInstanceOutput, ClientRequestToken), Error> {
        let input = self
            .input
            .build()
            .map_err(|e| Error::new(ErrorKind::InvalidInput(InvalidInput::Missing(e))))?;
        self.client.call(input).await
    }

    /// The name of the `AppInstance` (required).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.input = self.input.name(name);
        self
    }

    /// Sets or clears the name.
    pub fn set_name(mut self, name: Option<String>) -> Self {
        self.input = self.input.set_name(name);
        self
    }

    /// The name, if set.
    pub fn get_name(&self) -> &Option<String> {
        self.input.get_name()
    }

    /// Metadata stored with the `AppInstance`.
    pub fn metadata(mut self, metadata: impl Into<String>) -> Self {
        self.input = self.input.metadata(metadata);
        self
    }

    /// Sets or clears the metadata.
    pub fn set_metadata(mut self, metadata: Option<String>) -> Self {
        self.input = self.input.set_metadata(metadata);
        self
    }

    /// The metadata, if set.
    pub fn get_metadata(&self) -> &Option<String> {
        self.input.get_metadata()
    }

    /// The idempotency token. Leave it unset to have one made; set it to
    /// repeat an earlier call (any value, even `""`, is sent as it is).
    pub fn client_request_token(mut self, token: impl Into<String>) -> Self {
        self.input = self.input.client_request_token(token);
        self
    }

    /// Sets or clears the idempotency token.
    pub fn set_client_request_token(mut self, token: Option<String>) -> Self {
        self.input = self.input.set_client_request_token(token);
        self
    }

    /// The idempotency token, if set.
    pub fn get_client_request_token(&self) -> &Option<String> {
        self.input.get_client_request_token()
    }

    /// Adds one tag.
    pub fn tags(mut self, tag: Tag) -> Self {
        self.input = self.input.tags(tag);
        self
    }

    /// Sets or clears all tags.
    pub fn set_tags(mut self, tags: Option<Vec<Tag>>) -> Self {
        self.input = self.input.set_tags(tags);
        self
    }

    /// The tags, if any.
    pub fn get_tags(&self) -> &Option<Vec<Tag>> {
        self.input.get_tags()
    }
}
