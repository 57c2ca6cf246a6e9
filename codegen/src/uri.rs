//! The `http` trait's URI pattern: parsed once in lowering, so that
//! emitters see segments, labels and literal query parameters, never text.

use crate::ir::{LiteralQuery, PathSegment, UriTemplate};

/// Parses a pattern such as `/phone-numbers/{PhoneNumberId}?operation=update`.
///
/// The rules are Smithy's: the pattern starts with `/`, has no fragment and
/// no empty segment (a trailing `/` is kept), a label fills a whole segment
/// and names a member once, at most one label is greedy (`{Name+}`) and no
/// label follows it, and the query is literal, each key once.
pub fn parse(pattern: &str) -> Result<UriTemplate, String> {
    let Some(rest) = pattern.strip_prefix('/') else {
        return Err(format!("the URI pattern `{pattern}` must start with `/`"));
    };
    if pattern.contains('#') {
        return Err(format!(
            "the URI pattern `{pattern}` must not have a fragment"
        ));
    }
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let mut segments = Vec::new();
    let trailing_slash = !path.is_empty() && path.ends_with('/');
    let path = path.strip_suffix('/').unwrap_or(path);
    if !path.is_empty() {
        for text in path.split('/') {
            segments.push(segment(pattern, text)?);
        }
    }
    check_labels(pattern, &segments)?;
    let query = match query {
        None => Vec::new(),
        Some(query) => literal_query(pattern, query)?,
    };
    Ok(UriTemplate {
        segments,
        trailing_slash,
        query,
    })
}

fn segment(pattern: &str, text: &str) -> Result<PathSegment, String> {
    if text.is_empty() {
        return Err(format!(
            "the URI pattern `{pattern}` must not have an empty segment"
        ));
    }
    let Some(inner) = text.strip_prefix('{') else {
        if text.contains(['{', '}']) {
            return Err(format!(
                "the URI pattern `{pattern}`: a label must fill its whole segment, not `{text}`"
            ));
        }
        return Ok(PathSegment::Literal(text.to_owned()));
    };
    let Some(inner) = inner.strip_suffix('}') else {
        return Err(format!(
            "the URI pattern `{pattern}`: a label must fill its whole segment, not `{text}`"
        ));
    };
    let (member, greedy) = match inner.strip_suffix('+') {
        Some(member) => (member, true),
        None => (inner, false),
    };
    let mut chars = member.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !identifier {
        return Err(format!(
            "the URI pattern `{pattern}`: `{text}` does not name a member"
        ));
    }
    Ok(PathSegment::Label {
        member: member.to_owned(),
        greedy,
    })
}

fn check_labels(pattern: &str, segments: &[PathSegment]) -> Result<(), String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut after_greedy = false;
    for segment in segments {
        let PathSegment::Label { member, greedy } = segment else {
            continue;
        };
        if seen.iter().any(|s| s.eq_ignore_ascii_case(member)) {
            return Err(format!(
                "the URI pattern `{pattern}` names the label `{member}` twice"
            ));
        }
        if after_greedy {
            return Err(format!(
                "the URI pattern `{pattern}`: no label may follow a greedy label"
            ));
        }
        after_greedy |= greedy;
        seen.push(member);
    }
    Ok(())
}

fn literal_query(pattern: &str, query: &str) -> Result<Vec<LiteralQuery>, String> {
    if query.is_empty() {
        return Err(format!("the URI pattern `{pattern}` must not end with `?`"));
    }
    if query.contains(['{', '}']) {
        return Err(format!(
            "the URI pattern `{pattern}`: labels must not appear in the query"
        ));
    }
    let mut parameters: Vec<LiteralQuery> = Vec::new();
    for pair in query.split('&') {
        let (key, value) = match pair.split_once('=') {
            Some((key, value)) => (key, Some(value.to_owned())),
            None => (pair, None),
        };
        if key.is_empty() {
            return Err(format!(
                "the URI pattern `{pattern}` has a query parameter without a key"
            ));
        }
        if parameters.iter().any(|p| p.key == key) {
            return Err(format!(
                "the URI pattern `{pattern}` gives the query parameter `{key}` twice"
            ));
        }
        parameters.push(LiteralQuery {
            key: key.to_owned(),
            value,
        });
    }
    Ok(parameters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> PathSegment {
        PathSegment::Literal(text.to_owned())
    }

    fn label(member: &str, greedy: bool) -> PathSegment {
        PathSegment::Label {
            member: member.to_owned(),
            greedy,
        }
    }

    #[test]
    fn paths_labels_and_literal_queries() {
        let parsed = parse("/phone-numbers?operation=batch-delete&flag").unwrap();
        assert_eq!(parsed.segments, [literal("phone-numbers")]);
        assert_eq!(
            parsed.query,
            [
                LiteralQuery {
                    key: "operation".into(),
                    value: Some("batch-delete".into())
                },
                LiteralQuery {
                    key: "flag".into(),
                    value: None
                }
            ]
        );
        assert_eq!(parsed.path(), "/phone-numbers");
        let parsed = parse("/app-instances/{AppInstanceArn}/users/{Key+}").unwrap();
        assert_eq!(
            parsed.segments,
            [
                literal("app-instances"),
                label("AppInstanceArn", false),
                literal("users"),
                label("Key", true)
            ]
        );
        assert_eq!(
            parsed.path(),
            "/app-instances/{AppInstanceArn}/users/{Key+}"
        );
        // A label names a member: a Smithy identifier, which may start with `_`.
        assert_eq!(
            parse("/a/{_Id}").unwrap().segments,
            [literal("a"), label("_Id", false)]
        );
        assert_eq!(parse("/").unwrap().segments, []);
        assert_eq!(parse("/").unwrap().path(), "/");
        let trailing = parse("/things/").unwrap();
        assert!(trailing.trailing_slash);
        assert_eq!(trailing.path(), "/things/");
    }

    #[test]
    fn malformed_patterns_are_refused_saying_why() {
        for (pattern, why) in [
            ("things", "must start with `/`"),
            ("/things#top", "must not have a fragment"),
            ("/a//b", "must not have an empty segment"),
            (
                "/a/x{Id}",
                "a label must fill its whole segment, not `x{Id}`",
            ),
            ("/a/{Id", "a label must fill its whole segment, not `{Id`"),
            ("/a/{}", "`{}` does not name a member"),
            ("/a/{Two Words}", "does not name a member"),
            ("/a/{a-b}", "`{a-b}` does not name a member"),
            ("/a/{Id}/b/{id}", "names the label `id` twice"),
            ("/a/{Key+}/{Id}", "no label may follow a greedy label"),
            ("/a?", "must not end with `?`"),
            ("/a?x={Id}", "labels must not appear in the query"),
            ("/a?=1", "a query parameter without a key"),
            ("/a?x=1&x=2", "gives the query parameter `x` twice"),
        ] {
            let error = parse(pattern).expect_err(pattern);
            assert!(error.contains(why), "{pattern}: {error}");
        }
    }
}
