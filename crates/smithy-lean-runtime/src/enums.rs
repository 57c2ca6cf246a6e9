//! What every generated enum has beside its values, written once.

/// Gives a generated open enum, which has `as_str` and `From<&str>`, its
/// `FromStr` (which never fails: an unknown value is kept), `AsRef<str>`
/// (as the AWS SDK for Rust's enums have it), its `Display`
/// (the wire value), its JSON reading and writing, and its use as a map's
/// key (for which it must be `Eq` and `Hash`, as generated enums are).
///
/// ```
/// #[derive(Debug, PartialEq, Eq, Hash)]
/// pub enum Tier { Free, Other(String) }
/// impl Tier {
///     pub fn as_str(&self) -> &str {
///         match self { Tier::Free => "FREE", Tier::Other(value) => value }
///     }
/// }
/// impl From<&str> for Tier {
///     fn from(value: &str) -> Self {
///         if value == "FREE" { Tier::Free } else { Tier::Other(value.to_owned()) }
///     }
/// }
/// smithy_lean_runtime::string_enum!(Tier);
///
/// assert_eq!("FREE".parse::<Tier>(), Ok(Tier::Free));
/// assert_eq!(Tier::Other("GOLD".into()).to_string(), "GOLD");
/// assert_eq!(Tier::Free.as_ref(), "FREE");
/// let mut tokens = smithy_lean_runtime::json::tokens(br#""FREE""#);
/// let read: Option<Tier> = smithy_lean_runtime::json::read(&mut tokens, "Tier").unwrap();
/// assert_eq!(read, Some(Tier::Free));
/// ```
#[macro_export]
macro_rules! string_enum {
    ($name:ident) => {
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok($name::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::json::WriteJson for $name {
            fn write_json(
                &self,
                writer: $crate::json::JsonValueWriter<'_>,
                _: &str,
            ) -> Result<(), $crate::json::WriteError> {
                writer.string(self.as_str());
                Ok(())
            }
        }

        impl $crate::json::MapKey for $name {
            fn from_key(key: String) -> Self {
                $name::from(key.as_str())
            }
        }

        impl $crate::response::FromHeaderText for $name {
            const EXPECTED: &'static str = "text";

            fn from_header_text(text: &str) -> Option<Self> {
                Some($name::from(text))
            }
        }

        impl $crate::json::ReadJson for $name {
            fn read_json(
                tokens: &mut $crate::json::Tokens<'_>,
                member: &str,
            ) -> Result<Option<Self>, $crate::JsonError> {
                $crate::json::read_enum(tokens, member)
            }
        }
    };
}
