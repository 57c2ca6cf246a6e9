//! The trait library: Smithy's prelude and its definitions of the AWS,
//! rules-engine, protocol-test, validation and waiter traits
//! (`codegen/traits/`), which a model may use without defining them, as
//! Smithy's loader lets it when their packages are on its class path.
//!
//! Their shapes tell a reference to one of them from a reference to
//! nothing, and what a trait's value must be; the files are read once, by
//! this crate's own IDL reader, the first time a shape is asked for.

use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The library's files, embedded.
const FILES: [(&str, &str); 10] = [
    ("prelude.smithy", include_str!("../traits/prelude.smithy")),
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

/// Every shape the library defines, by absolute id, as the JSON AST has it.
fn shapes() -> &'static Map<String, Value> {
    static SHAPES: OnceLock<Map<String, Value>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut shapes = Map::new();
        for (_, text) in FILES {
            // Smithy's own files; a test proves each reads.
            let Ok((model, _)) = crate::idl::read_library_file(text) else {
                continue;
            };
            if let Some(Value::Object(file_shapes)) = model.get("shapes") {
                shapes.extend(file_shapes.clone());
            }
        }
        shapes
    })
}

/// The library's shape `id` (absolute), if it defines one.
pub(crate) fn shape(id: &str) -> Option<&'static Value> {
    shapes().get(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_type(id: &str) -> Option<&'static str> {
        shape(id)?.get("type")?.as_str()
    }

    fn has_trait(id: &str, trait_id: &str) -> bool {
        shape(id)
            .and_then(|shape| shape.get("traits")?.get(trait_id))
            .is_some()
    }

    /// Whether the library defines `id` (absolute) as an error structure.
    fn is_error(id: &str) -> bool {
        has_trait(id, "smithy.api#error")
    }

    /// Whether the library defines `id` (absolute) as a trait.
    fn is_trait(id: &str) -> bool {
        has_trait(id, "smithy.api#trait")
    }

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
        assert!(is_trait("smithy.api#required"));
        assert!(!is_trait("smithy.api#String"));
    }

    /// The IDL reader knows which traits of the library are lists without
    /// asking the library (a trait written without a value is then `[]`),
    /// so its list must be the library's.
    #[test]
    fn the_readers_list_traits_are_the_librarys() {
        for (id, shape) in shapes() {
            let is_list = matches!(
                shape.get("type").and_then(Value::as_str),
                Some("list" | "set")
            );
            if is_trait(id) {
                assert_eq!(
                    crate::idl::prelude::is_known_list_trait(id),
                    is_list,
                    "{id}"
                );
            }
        }
    }

    /// The prelude's public shapes, which a relative shape id may name,
    /// are the names `idl::prelude` lists.
    #[test]
    fn the_prelude_names_are_its_public_shapes() {
        let mut public: Vec<&str> = shapes()
            .iter()
            .filter(|(_, shape)| {
                shape
                    .get("traits")
                    .and_then(|t| t.get("smithy.api#private"))
                    .is_none()
            })
            .filter_map(|(id, _)| id.strip_prefix("smithy.api#"))
            .collect();
        public.sort_unstable();
        assert_eq!(public, crate::idl::prelude::NAMES);
    }
}
