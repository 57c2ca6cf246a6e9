//! The trait library: Smithy's definitions of the AWS, rules-engine,
//! protocol-test, validation and waiter traits (`codegen/traits/`), which a
//! model may use without defining them, as Smithy's loader lets it when
//! their packages are on its class path.
//!
//! Only the names and types of their shapes are needed, to tell a
//! reference to one of them from a reference to nothing; the files are
//! read once, by this crate's own IDL reader, the first time one is asked.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The library's files, embedded.
const FILES: [(&str, &str); 9] = [
    ("aws.api.smithy", include_str!("../traits/aws.api.smithy")),
    ("aws.auth.smithy", include_str!("../traits/aws.auth.smithy")),
    (
        "aws.customizations.smithy",
        include_str!("../traits/aws.customizations.smithy"),
    ),
    (
        "aws.endpoints.smithy",
        include_str!("../traits/aws.endpoints.smithy"),
    ),
    (
        "aws.protocols.smithy",
        include_str!("../traits/aws.protocols.smithy"),
    ),
    (
        "smithy.framework.validation.smithy",
        include_str!("../traits/smithy.framework.validation.smithy"),
    ),
    (
        "smithy.rules.smithy",
        include_str!("../traits/smithy.rules.smithy"),
    ),
    (
        "smithy.test.smithy",
        include_str!("../traits/smithy.test.smithy"),
    ),
    ("waiters.smithy", include_str!("../traits/waiters.smithy")),
];

/// A shape of the library: its type, and whether it is a trait.
struct LibraryShape {
    kind: String,
    is_trait: bool,
    is_error: bool,
}

/// Every shape the library defines, by absolute id.
fn shapes() -> &'static HashMap<String, LibraryShape> {
    static SHAPES: OnceLock<HashMap<String, LibraryShape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut shapes = HashMap::new();
        for (_, text) in FILES {
            // Smithy's own files; a test proves each reads.
            let Ok((model, _)) = crate::idl::read_library_file(text) else {
                continue;
            };
            for (id, shape) in model["shapes"].as_object().into_iter().flatten() {
                if let Some(kind) = shape.get("type").and_then(|kind| kind.as_str()) {
                    let has = |id: &str| {
                        shape
                            .get("traits")
                            .is_some_and(|traits| traits.get(id).is_some())
                    };
                    let is_trait = has("smithy.api#trait");
                    let is_error = has("smithy.api#error");
                    let kind = kind.to_owned();
                    shapes.insert(
                        id.clone(),
                        LibraryShape {
                            kind,
                            is_trait,
                            is_error,
                        },
                    );
                }
            }
        }
        shapes
    })
}

/// The type of the library's shape `id` (absolute), if it defines one.
pub(crate) fn shape_type(id: &str) -> Option<&'static str> {
    shapes().get(id).map(|shape| shape.kind.as_str())
}

/// Whether the library defines `id` (absolute) as an error structure.
pub(crate) fn is_error(id: &str) -> bool {
    shapes().get(id).is_some_and(|shape| shape.is_error)
}

/// Whether the library defines `id` (absolute) as a trait.
pub(crate) fn is_trait(id: &str) -> bool {
    shapes().get(id).is_some_and(|shape| shape.is_trait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_library_reads() {
        for (name, text) in FILES {
            if let Err(error) = crate::idl::read(text) {
                panic!("{name}: {error}");
            }
        }
        assert_eq!(shape_type("aws.protocols#restJson1"), Some("structure"));
        assert_eq!(shape_type("smithy.test#httpRequestTests"), Some("list"));
        assert_eq!(
            shape_type("smithy.framework#ValidationException"),
            Some("structure")
        );
        assert_eq!(shape_type("aws.protocols#noSuchTrait"), None);
        assert!(is_trait("aws.api#service"));
        assert!(!is_trait("smithy.framework#ValidationException"));
        assert!(is_error("smithy.framework#ValidationException"));
        assert!(!is_error("aws.api#service"));
    }
}
