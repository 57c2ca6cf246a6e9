//! A response case (`smithy.test#httpResponseTests`): what the client is
//! given to read.

/// A response case's status, headers and body, as the case writes them.
#[derive(Clone, Copy, Debug)]
pub struct CannedResponse<'a> {
    /// The status code.
    pub code: u16,
    /// The headers, in the order given.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body; empty for none.
    pub body: &'a str,
}

impl CannedResponse<'_> {
    /// The answer to a request case: `200` with an empty JSON object, which
    /// every restJson1 output reads.
    pub const OK: CannedResponse<'static> = CannedResponse {
        code: 200,
        headers: &[],
        body: "{}",
    };

    /// The headers as the operations' readers take them.
    ///
    /// # Panics
    ///
    /// When a case's header name or value cannot be an HTTP header.
    pub fn header_map(&self) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in self.headers {
            let name = http::HeaderName::from_bytes(name.as_bytes())
                .unwrap_or_else(|e| panic!("the case's header name `{name}`: {e}"));
            let value = http::HeaderValue::from_str(value)
                .unwrap_or_else(|e| panic!("the case's header `{name}` value `{value}`: {e}"));
            map.append(name, value);
        }
        map
    }

    /// The body's bytes.
    pub fn body(&self) -> &[u8] {
        self.body.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::CannedResponse;

    #[test]
    fn headers_keep_every_value_of_a_repeated_name() {
        let response = CannedResponse {
            code: 200,
            headers: &[
                ("X-A", "1"),
                ("x-a", "2"),
                ("Content-Type", "application/json"),
            ],
            body: "{}",
        };
        let map = response.header_map();
        let values: Vec<_> = map.get_all("x-a").iter().collect();
        assert_eq!(values, ["1", "2"]);
        assert_eq!(map["content-type"], "application/json");
        assert_eq!(response.body(), b"{}");
    }
}
