//! The accessors of generated structures and the setters and getters of
//! their builders, written once.
//!
//! A structure's member has one accessor, which [`structure!`](crate::structure) writes from
//! the member's `#[get(RETURNS, HOW)]`: `HOW` is `copy` (a number or
//! boolean), `borrow` (`&self.member`, which also gives `&str` and `&[T]`),
//! `as_deref` or `as_ref` (of an optional member), or `slice` (an optional
//! list as `&[T]`, empty where absent, as the AWS SDK for Rust's outputs
//! give lists).
//!
//! Every member of a builder has the same three methods: a setter that
//! takes the value (or appends an item, or adds an entry), `set_*` that sets
//! or clears it, and `get_*` that shows it. A generated crate lists its
//! members, each with an attribute that says which kind of setter it takes,
//! and these macros write the methods.
//!
//! The attribute, after the member's documentation (and `#[deprecated]`, on
//! the setter, where the model deprecates the member):
//!
//! `#[set(KIND, SET, GET, wire = "Name")]` for an optional member, with
//! `, required` last for one that `build()` needs, or `, default = LITERAL`
//! for one that is the model's default when unset.
//!
//! | `KIND` | the setter takes |
//! |---|---|
//! | `into` | `impl Into<T>` |
//! | `value` | `T` |
//! | `push = I` | one item `I` of the list, appended |
//! | `push_into = I` | one item, `impl Into<I>`, appended |
//! | `insert = V` | a key (`impl Into<String>`) and a value `V`, replacing any under that key |
//! | `insert_into = V` | a key and a value `impl Into<V>` |
//! | `insert(K, V)`, `insert_into(K, V)` | the same with keys of type `K`, an enum of the model |
//!
//! Both macros write the type's `Debug`, which shows every field as it is
//! unless an attribute `#[debug(redacted)]` (a `@sensitive` value: its
//! text is replaced), `#[debug(bounded)]` (text from the network, cut to
//! a safe length) or `#[debug(stream)]` (a streaming payload: its length,
//! never its bytes) comes right after the field's `#[get]` or `#[set]`, or
//! before a field that has neither.
//!
//! A builder's first attribute names what it builds: `#[build(T)]` for a
//! `build()` that returns `T`, which has no required member, or
//! `#[try_build(T)]` for one that returns `Result<T, BuildError>` and names
//! the first required member that is not set.

/// Declares a structure with an accessor per member, its `builder()` and
/// its `Debug`.
///
/// The first attribute, `#[builder(B)]`, names the structure's builder.
/// Members are crate-visible fields, each documented and with its
/// `#[get(RETURNS, HOW)]` (and `#[deprecated]` first where the model
/// deprecates it, which goes on the accessor); fields without one come
/// last and get no accessor. Any field may say how `Debug` shows it (see
/// the [module documentation](self)).
///
/// ```
/// # #[derive(Default)]
/// # pub struct GreetingBuilder;
/// # impl smithy_lean_runtime::builders::StructureBuilder for GreetingBuilder {
/// #     type Structure = Greeting;
/// #     fn build_structure(self) -> Result<Greeting, smithy_lean_runtime::BuildError> {
/// #         Ok(Greeting::default())
/// #     }
/// # }
/// smithy_lean_runtime::structure! {
///     #[builder(GreetingBuilder)]
///     /// A greeting.
///     #[derive(Default)]
///     pub struct Greeting {
///         /// Who is greeted.
///         #[get(&str, borrow)]
///         name: String,
///         /// How many times.
///         #[get(Option<i32>, copy)]
///         times: Option<i32>,
///         /// Words to add.
///         #[get(Option<&[String]>, as_deref)]
///         #[debug(redacted)]
///         words: Option<Vec<String>>,
///         /// Labels.
///         #[get(Option<&std::collections::HashMap<String, String>>, as_ref)]
///         labels: Option<std::collections::HashMap<String, String>>,
///         #[debug(bounded)]
///         seen: bool,
///     }
/// }
///
/// let words = Some(vec!["secret".to_owned()]);
/// let greeting = Greeting { name: "Ada".into(), times: Some(2), words, ..Greeting::default() };
/// assert_eq!((greeting.name(), greeting.times()), ("Ada", Some(2)));
/// assert!(greeting.labels().is_none() && !greeting.seen);
/// assert_eq!(
///     format!("{greeting:?}"),
///     r#"Greeting { name: "Ada", times: Some(2), words: "*** Sensitive Data Redacted ***", labels: None, seen: false }"#
/// );
/// ```
#[macro_export]
macro_rules! structure {
    (
        #[builder($builder:ident)]
        $(#[$attribute:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[deprecated $($deprecation:tt)*])?
                #[get($returns:ty, $how:ident)]
                $(#[debug($shown:ident)])?
                $field:ident: $ty:ty,
            )*
            $($(#[debug($extra_shown:ident)])? $extra:ident: $extra_ty:ty,)*
        }
    ) => {
        $(#[$attribute])*
        pub struct $name {
            $(pub(crate) $field: $ty,)*
            $(pub(crate) $extra: $extra_ty,)*
        }

        impl $name {
            #[doc = concat!("Starts a builder for [`", stringify!($name), "`].")]
            pub fn builder() -> $builder {
                <$builder as ::core::default::Default>::default()
            }

            $(
                $(#[doc = $doc])*
                $(#[deprecated $($deprecation)*])?
                pub fn $field(&self) -> $returns {
                    $crate::__access!($how, self.$field)
                }
            )*
        }

        impl $crate::builders::Structure for $name {
            type Builder = $builder;
        }

        $crate::__debug!(
            $name, [$($field [$($shown)?])* $($extra [$($extra_shown)?])*]
        );
    };
}

/// A generated structure, tied to its builder, so that code for any
/// structure (reading one from JSON, sending one as an input) can start
/// from the builder and end with the structure.
pub trait Structure: Sized {
    /// The structure's builder.
    type Builder: StructureBuilder<Structure = Self>;
}

/// A generated builder, whatever its `build()` returns.
pub trait StructureBuilder: Default {
    /// What it builds.
    type Structure;

    /// The structure built; an error names the first required member that
    /// is not set (never, for a structure without required members).
    fn build_structure(self) -> Result<Self::Structure, crate::BuildError>;
}

/// What `Debug` shows of a `@sensitive` member instead of its value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// How `Debug` shows a streaming payload: never its bytes, which may be
/// many, or sensitive, or not read yet; its length, where the stream knows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct StreamShown {
    /// `None` for an unset builder member; `Some(None)` for a stream of
    /// unknown length.
    length: Option<Option<u64>>,
}

impl std::fmt::Debug for StreamShown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.length {
            None => f.write_str("None"),
            Some(None) => f.write_str("ByteStream(unknown length)"),
            Some(Some(length)) => write!(f, "ByteStream(length {length})"),
        }
    }
}

/// A streaming payload, or a builder's unset or set one, for [`StreamShown`].
#[doc(hidden)]
pub trait ShowStream {
    /// What `Debug` shows of it.
    fn shown(&self) -> StreamShown;
}

impl ShowStream for crate::ByteStream {
    fn shown(&self) -> StreamShown {
        let length = match self.size_hint() {
            (low, Some(high)) if low == high => Some(low),
            _ => None,
        };
        StreamShown {
            length: Some(length),
        }
    }
}

impl ShowStream for Option<crate::ByteStream> {
    fn shown(&self) -> StreamShown {
        self.as_ref()
            .map_or(StreamShown { length: None }, ShowStream::shown)
    }
}

/// A field's name as `Debug` shows it: a raw identifier (`r#type`) without
/// its `r#`, as a derived `Debug` does.
#[doc(hidden)]
pub fn field_label(name: &'static str) -> &'static str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The `Debug` of a structure or builder, each field shown as its
/// `#[debug]` says: as it is, `redacted`, `bounded` (text from the
/// network, cut to a length that is safe to log), or `stream` (a streaming
/// payload: its length, never its bytes).
#[doc(hidden)]
#[macro_export]
macro_rules! __debug {
    ($name:ident, [$($field:ident [$($shown:ident)?])*]) => {
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!($name))
                    $(.field(
                        $crate::builders::field_label(stringify!($field)),
                        $crate::__shown!($($shown)?, &self.$field),
                    ))*
                    .finish()
            }
        }
    };
}

/// One field as `Debug` shows it.
#[doc(hidden)]
#[macro_export]
macro_rules! __shown {
    (, $value:expr) => {
        $value
    };
    (redacted, $value:expr) => {
        &$crate::builders::REDACTED
    };
    (bounded, $value:expr) => {
        &$crate::BoundedDebug($value)
    };
    (stream, $value:expr) => {
        &$crate::builders::ShowStream::shown($value)
    };
}

/// An accessor's body: the member as its `#[get]` says to give it.
#[doc(hidden)]
#[macro_export]
macro_rules! __access {
    (copy, $member:expr) => {
        $member
    };
    (borrow, $member:expr) => {
        &$member
    };
    (as_deref, $member:expr) => {
        $member.as_deref()
    };
    (as_ref, $member:expr) => {
        $member.as_ref()
    };
    (slice, $member:expr) => {
        $member.as_deref().unwrap_or_default()
    };
}

/// Declares a builder with its members' setters and getters, and its
/// `build()`.
///
/// The first attribute names the structure it builds (see the [module
/// documentation](self)), whose fields have the members' names. Each member
/// is an `Option` of its type (a trailing comma inside, as long types are
/// laid out, is fine); fields without a `#[set]` attribute come last,
/// undocumented, and get no methods; `build()` moves them to the structure
/// as they are (what the generated code keeps beside the members, such as
/// an error's metadata).
///
/// ```
/// # #[derive(Debug)]
/// # pub struct Greeting {
/// #     name: String,
/// #     times: i32,
/// #     words: Option<Vec<String>>,
/// #     labels: Option<std::collections::HashMap<String, String>>,
/// #     moods: Option<std::collections::HashMap<Mood, i32>>,
/// #     seen: bool,
/// # }
/// smithy_lean_runtime::builder! {
///     #[try_build(Greeting)]
///     #[derive(Clone, Default)]
///     pub struct GreetingBuilder {
///         /// Who is greeted.
///         #[set(into, set_name, get_name, wire = "Name", required)]
///         name: Option<String>,
///         /// How many times.
///         #[set(value, set_times, get_times, wire = "Times", default = 1)]
///         times: Option<i32>,
///         /// Words to add.
///         #[set(push_into = String, set_words, get_words, wire = "Words")]
///         words: Option<Vec<String>>,
///         /// Labels.
///         #[set(insert_into = String, set_labels, get_labels, wire = "Labels")]
///         labels: Option<
///             std::collections::HashMap<String, String>,
///         >,
///         /// Counts by mood, a map keyed by an enum.
///         #[set(insert(Mood, i32), set_moods, get_moods, wire = "Moods")]
///         moods: Option<std::collections::HashMap<Mood, i32>>,
///         seen: bool,
///     }
/// }
/// # #[derive(Clone, Debug, PartialEq, Eq, Hash)]
/// # pub enum Mood { Glad }
///
/// let builder = GreetingBuilder::default().name("Ada").words("hi").words("there");
/// let builder = builder.labels("tone", "warm").moods(Mood::Glad, 2);
/// assert_eq!(builder.get_moods().as_ref().map(|moods| moods[&Mood::Glad]), Some(2));
/// assert_eq!(builder.get_name().as_deref(), Some("Ada"));
/// assert_eq!(builder.get_times(), &None);
/// assert_eq!(builder.get_words().as_ref().map(Vec::len), Some(2));
/// assert_eq!(builder.get_labels().as_ref().map(|labels| labels["tone"].as_str()), Some("warm"));
/// let greeting = builder.clone().build().unwrap();
/// assert_eq!((greeting.name.as_str(), greeting.times, greeting.seen), ("Ada", 1, false));
/// let missing = builder.set_name(None).build().unwrap_err();
/// assert_eq!((missing.shape(), missing.member()), ("Greeting", "name"));
/// ```
#[macro_export]
macro_rules! builder {
    (
        #[$build:ident($target:ident)]
        $(#[$attribute:meta])*
        pub struct $builder:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[deprecated $($deprecation:tt)*])?
                #[set($kind:ident $(($key:ty, $entry:ty))? $(= $item:ty)?, $set:ident, $get:ident, wire = $wire:literal $(, $presence:ident $(= $default:literal $(with $make:expr)?)?)?)]
                $(#[debug($shown:ident)])?
                $field:ident: Option<$ty:ty $(,)?>,
            )*
            $($(#[debug($extra_shown:ident)])? $extra:ident: $extra_ty:ty,)*
        }
    ) => {
        #[doc = concat!("A builder for [`", stringify!($target), "`].")]
        $(#[$attribute])*
        pub struct $builder {
            $($field: Option<$ty>,)*
            $($extra: $extra_ty,)*
        }

        impl $builder {
            $(
                $crate::__setter!(
                    builder, $kind $(($key, $entry))? $(= $item)?, $field, $ty,
                    [$(#[doc = $doc])* $(#[deprecated $($deprecation)*])?]
                );

                $crate::__set_or_clear!(
                    builder, $set, $field, $ty, $wire, [$($presence $(= $default $(with $make)?)?)?]
                );

                #[doc = concat!("The `", stringify!($field), "` set so far.")]
                pub fn $get(&self) -> &Option<$ty> {
                    &self.$field
                }
            )*
        }

        $crate::__build!(
            $build, $target, $builder, [$($field [$($presence $(= $default $(with $make)?)?)?])*], [$($extra)*]
        );

        $crate::__debug!(
            $builder, [$($field [$($shown)?])* $($extra [$($extra_shown)?])*]
        );
    };
}

/// The setters and getters of a fluent builder, which holds the input's
/// builder in its field `input` and forwards to it: the members as
/// [`builder!`](crate::builder) takes them, in a `struct` that is not
/// declared again but names the fluent builder.
///
/// ```
/// # #[derive(Debug, Default)]
/// # pub struct Greeting {
/// #     name: Option<String>,
/// # }
/// # smithy_lean_runtime::builder! {
/// #     #[build(Greeting)]
/// #     #[derive(Default)]
/// #     pub struct GreetingBuilder {
/// #         #[set(into, set_name, get_name, wire = "Name")]
/// #         name: Option<String>,
/// #     }
/// # }
/// pub struct GreetingCall {
///     input: GreetingBuilder,
/// }
///
/// smithy_lean_runtime::fluent_setters! {
///     struct GreetingCall {
///         /// Who is greeted.
///         #[set(into, set_name, get_name, wire = "Name")]
///         name: Option<String>,
///     }
/// }
///
/// let call = GreetingCall { input: GreetingBuilder::default() }.name("Ada");
/// assert_eq!(call.get_name().as_deref(), Some("Ada"));
/// ```
#[macro_export]
macro_rules! fluent_setters {
    (
        struct $fluent:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[deprecated $($deprecation:tt)*])?
                #[set($kind:ident $(($key:ty, $entry:ty))? $(= $item:ty)?, $set:ident, $get:ident, wire = $wire:literal $(, $presence:ident $(= $default:literal $(with $make:expr)?)?)?)]
                $field:ident: Option<$ty:ty $(,)?>,
            )*
        }
    ) => {
        impl $fluent {
            $(
                $crate::__setter!(
                    fluent, $kind $(($key, $entry))? $(= $item)?, $field, $ty,
                    [$(#[doc = $doc])* $(#[deprecated $($deprecation)*])?]
                );

                $crate::__set_or_clear!(
                    fluent, $set, $field, $ty, $wire, [$($presence $(= $default $(with $make)?)?)?]
                );

                #[doc = concat!("The `", stringify!($field), "` set so far.")]
                pub fn $get(&self) -> &Option<$ty> {
                    self.input.$get()
                }
            )*
        }
    };
}

/// A member's `set_*`, whose documentation says what leaving it unset
/// means: nothing is sent, `build()` fails, or the model's default.
#[doc(hidden)]
#[macro_export]
macro_rules! __set_or_clear {
    ($mode:ident, $set:ident, $field:ident, $ty:ty, $wire:literal, []) => {
        $crate::__set_or_clear!(@fn $mode, $set, $field, $ty, $wire, "");
    };
    ($mode:ident, $set:ident, $field:ident, $ty:ty, $wire:literal, [required]) => {
        $crate::__set_or_clear!(@fn $mode, $set, $field, $ty, $wire, " Required.");
    };
    ($mode:ident, $set:ident, $field:ident, $ty:ty, $wire:literal, [default = $shown:literal with $make:expr]) => {
        $crate::__set_or_clear!(
            @fn $mode, $set, $field, $ty, $wire,
            concat!(" Unset, it is `", $shown, "`.")
        );
    };
    ($mode:ident, $set:ident, $field:ident, $ty:ty, $wire:literal, [default = $default:literal]) => {
        $crate::__set_or_clear!(
            @fn $mode, $set, $field, $ty, $wire,
            concat!(" Unset, it is `", stringify!($default), "`.")
        );
    };
    (@fn $mode:ident, $set:ident, $field:ident, $ty:ty, $wire:literal, $note:expr) => {
        #[doc = concat!("Sets or clears `", stringify!($field), "` (`", $wire, "` on the wire).", $note)]
        pub fn $set(mut self, input: Option<$ty>) -> Self {
            $crate::__store!($mode, clear, self, $field, (input), ($set, input));
            self
        }
    };
}

/// A builder's `build()`, as its first attribute says, and its
/// [`StructureBuilder`].
#[doc(hidden)]
#[macro_export]
macro_rules! __build {
    (build, $target:ident, $builder:ident, [$($field:ident [$($presence:tt)*])*], [$($extra:ident)*]) => {
        impl $builder {
            #[doc = concat!("Builds the [`", stringify!($target), "`]. No member is required.")]
            pub fn build(self) -> $target {
                $target {
                    $($field: $crate::__take!(self, $target, $field, $($presence)*),)*
                    $($extra: self.$extra,)*
                }
            }
        }

        impl $crate::builders::StructureBuilder for $builder {
            type Structure = $target;

            fn build_structure(self) -> Result<$target, $crate::BuildError> {
                Ok(self.build())
            }
        }
    };
    (try_build, $target:ident, $builder:ident, [$($field:ident [$($presence:tt)*])*], [$($extra:ident)*]) => {
        impl $builder {
            #[doc = concat!(
                "Builds the [`", stringify!($target),
                "`], or names the first required member that is not set."
            )]
            pub fn build(self) -> Result<$target, $crate::BuildError> {
                Ok($target {
                    $($field: $crate::__take!(self, $target, $field, $($presence)*),)*
                    $($extra: self.$extra,)*
                })
            }
        }

        impl $crate::builders::StructureBuilder for $builder {
            type Structure = $target;

            fn build_structure(self) -> Result<$target, $crate::BuildError> {
                self.build()
            }
        }
    };
}

/// What `build()` makes of one member: an optional one as it is, a
/// required one or the error that names it, or the model's default.
#[doc(hidden)]
#[macro_export]
macro_rules! __take {
    ($this:ident, $target:ident, $field:ident,) => {
        $this.$field
    };
    ($this:ident, $target:ident, $field:ident, required) => {
        $this
            .$field
            .ok_or_else(|| $crate::BuildError::missing(stringify!($target), stringify!($field)))?
    };
    ($this:ident, $target:ident, $field:ident, default = $shown:literal with $make:expr) => {
        $this.$field.unwrap_or_else(|| $make)
    };
    ($this:ident, $target:ident, $field:ident, default = $default:literal) => {
        $this
            .$field
            .unwrap_or_else(|| $crate::builders::MemberDefault::into_member($default))
    };
}

/// A model default, written as a literal, as the member's Rust type: a
/// number or boolean as it is, a string as an owned `String`.
pub trait MemberDefault<T> {
    /// The default as the member's type.
    fn into_member(self) -> T;
}

impl<T> MemberDefault<T> for T {
    fn into_member(self) -> T {
        self
    }
}

impl MemberDefault<String> for &'static str {
    fn into_member(self) -> String {
        self.to_owned()
    }
}

/// One member's setter of the kind its attribute names: its signature
/// and documentation here, its body in [`__store!`](crate::__store).
#[doc(hidden)]
#[macro_export]
macro_rules! __setter {
    ($mode:ident, into, $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        pub fn $field(mut self, input: impl Into<$ty>) -> Self {
            $crate::__store!($mode, one, self, $field, (input.into()), (input));
            self
        }
    };
    ($mode:ident, value, $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        pub fn $field(mut self, input: $ty) -> Self {
            $crate::__store!($mode, one, self, $field, (input), (input));
            self
        }
    };
    ($mode:ident, push = $item:ty, $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        #[doc = ""]
        #[doc = concat!("Appends one item to `", stringify!($field), "`.")]
        pub fn $field(mut self, item: $item) -> Self {
            $crate::__store!($mode, item, self, $field, (item), (item));
            self
        }
    };
    ($mode:ident, push_into = $item:ty, $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        #[doc = ""]
        #[doc = concat!("Appends one item to `", stringify!($field), "`.")]
        pub fn $field(mut self, item: impl Into<$item>) -> Self {
            $crate::__store!($mode, item, self, $field, (item.into()), (item));
            self
        }
    };
    ($mode:ident, insert($key:ty, $item:ty), $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        #[doc = ""]
        #[doc = concat!("Adds one entry to `", stringify!($field), "`, replacing any with the same key.")]
        pub fn $field(mut self, key: $key, value: $item) -> Self {
            $crate::__store!($mode, entry, self, $field, (key, value), (key, value));
            self
        }
    };
    ($mode:ident, insert_into($key:ty, $item:ty), $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        #[doc = ""]
        #[doc = concat!("Adds one entry to `", stringify!($field), "`, replacing any with the same key.")]
        pub fn $field(mut self, key: $key, value: impl Into<$item>) -> Self {
            $crate::__store!($mode, entry, self, $field, (key, value.into()), (key, value));
            self
        }
    };
    ($mode:ident, insert = $item:ty, $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        #[doc = ""]
        #[doc = concat!("Adds one entry to `", stringify!($field), "`, replacing any with the same key.")]
        pub fn $field(mut self, key: impl Into<String>, value: $item) -> Self {
            $crate::__store!($mode, entry, self, $field, (key.into(), value), (key, value));
            self
        }
    };
    ($mode:ident, insert_into = $item:ty, $field:ident, $ty:ty, [$($attribute:tt)*]) => {
        $($attribute)*
        #[doc = ""]
        #[doc = concat!("Adds one entry to `", stringify!($field), "`, replacing any with the same key.")]
        pub fn $field(mut self, key: impl Into<String>, value: impl Into<$item>) -> Self {
            $crate::__store!($mode, entry, self, $field, (key.into(), value.into()), (key, value));
            self
        }
    };
}

/// A setter's body: a builder stores the converted value (one value, an
/// item appended or an entry inserted); a fluent builder hands the
/// arguments to its input's builder, which converts them.
#[doc(hidden)]
#[macro_export]
macro_rules! __store {
    (builder, one, $this:ident, $field:ident, ($value:expr), $arguments:tt) => {
        $this.$field = Some($value);
    };
    (builder, item, $this:ident, $field:ident, ($value:expr), $arguments:tt) => {
        $this.$field.get_or_insert_with(Vec::new).push($value);
    };
    (builder, entry, $this:ident, $field:ident, ($key:expr, $value:expr), $arguments:tt) => {
        $this.$field
            .get_or_insert_with(::std::collections::HashMap::new)
            .insert($key, $value);
    };
    (builder, clear, $this:ident, $field:ident, ($value:expr), $arguments:tt) => {
        $this.$field = $value;
    };
    (fluent, clear, $this:ident, $field:ident, $stored:tt, ($set:ident, $input:ident)) => {
        $this.input = $this.input.$set($input);
    };
    (fluent, $shape:ident, $this:ident, $field:ident, $stored:tt, ($($argument:ident),*)) => {
        $this.input = $this.input.$field($($argument),*);
    };
}

#[cfg(test)]
// The macros write every member's methods; these tests call the few they
// are about.
#[allow(dead_code)]
mod tests {
    use super::{MemberDefault, field_label};

    crate::structure! {
        #[builder(KeywordsBuilder)]
        #[derive(Clone, Default, PartialEq)]
        pub struct Keywords {
            #[get(Option<&str>, as_deref)]
            r#type: Option<String>,
            #[get(i64, copy)]
            #[debug(redacted)]
            limit: i64,
            #[get(&str, borrow)]
            #[debug(bounded)]
            said: String,
        }
    }

    crate::builder! {
        #[build(Keywords)]
        #[derive(Clone, Default, PartialEq)]
        pub struct KeywordsBuilder {
            #[set(into, set_type, get_type, wire = "type")]
            r#type: Option<String>,
            #[set(value, set_limit, get_limit, wire = "Limit", default = -5)]
            #[debug(redacted)]
            limit: Option<i64>,
            #[set(into, set_said, get_said, wire = "Said", default = "nothing")]
            said: Option<String>,
        }
    }

    // A member named `Default`, as some models have: its setter and getter
    // are named like `Default::default`, which the macros must not call
    // by the type's path.
    crate::structure! {
        #[builder(SettingsBuilder)]
        #[derive(Clone, Default, PartialEq)]
        pub struct Settings {
            #[get(Option<&str>, as_deref)]
            default: Option<String>,
        }
    }

    crate::builder! {
        #[build(Settings)]
        #[derive(Clone, Default, PartialEq)]
        pub struct SettingsBuilder {
            #[set(into, set_default, get_default, wire = "Default")]
            default: Option<String>,
        }
    }

    // A list read from a response, as the AWS SDK for Rust's outputs give one.
    crate::structure! {
        #[builder(PageBuilder)]
        #[derive(Clone, Default, PartialEq)]
        pub struct Page {
            #[get(&[String], slice)]
            names: Option<Vec<String>>,
        }
    }

    crate::builder! {
        #[build(Page)]
        #[derive(Clone, Default, PartialEq)]
        pub struct PageBuilder {
            #[set(push_into = String, set_names, get_names, wire = "Names")]
            names: Option<Vec<String>>,
        }
    }

    #[test]
    fn a_list_read_as_a_slice_is_empty_where_absent() {
        assert_eq!(
            Page::builder().names("a").names("b").build().names(),
            ["a", "b"]
        );
        assert!(Page::builder().build().names().is_empty());
        assert!(
            Page::builder()
                .set_names(Some(Vec::new()))
                .build()
                .names()
                .is_empty()
        );
    }

    #[test]
    fn a_member_named_default_is_its_own_accessor() {
        let settings = Settings::builder().default("on").build();
        assert_eq!(settings.default(), Some("on"));
        assert_eq!(<Settings as Default>::default().default(), None);
    }

    crate::structure! {
        #[builder(UploadBuilder)]
        pub struct Upload {
            #[get(&crate::ByteStream, borrow)]
            #[debug(stream)]
            body: crate::ByteStream,
        }
    }

    crate::builder! {
        #[build(Upload)]
        #[derive(Default)]
        pub struct UploadBuilder {
            #[set(into, set_body, get_body, wire = "Body", default = "" with crate::ByteStream::default())]
            #[debug(stream)]
            body: Option<crate::ByteStream>,
        }
    }

    #[test]
    fn debug_shows_a_streams_length_and_never_its_bytes() {
        let upload = Upload::builder().body(b"secret".to_vec()).build();
        assert_eq!(
            format!("{upload:?}"),
            "Upload { body: ByteStream(length 6) }"
        );
        assert_eq!(
            format!("{:?}", Upload::builder()),
            "UploadBuilder { body: None }"
        );
        assert_eq!(
            format!("{:?}", Upload::builder().body(b"x".to_vec())),
            "UploadBuilder { body: ByteStream(length 1) }"
        );
        assert_eq!(Upload::builder().build().body().size_hint(), (0, Some(0)));
    }

    #[test]
    fn defaults_fill_what_was_not_set_and_nothing_else() {
        let built = Keywords::builder().build();
        assert_eq!(
            (built.r#type(), built.limit(), built.said()),
            (None, -5, "nothing")
        );
        let built = Keywords::builder().r#type("t").limit(9).said("hi").build();
        assert_eq!(
            (built.r#type(), built.limit(), built.said()),
            (Some("t"), 9, "hi")
        );
        assert_eq!(MemberDefault::<String>::into_member("x"), "x");
        assert!(MemberDefault::<bool>::into_member(true));
    }

    #[test]
    fn debug_names_raw_fields_without_r_and_hides_or_bounds_as_marked() {
        let long = "x".repeat(10 * 1024);
        let keywords = Keywords::builder()
            .r#type("t")
            .limit(7)
            .said(long.as_str())
            .build();
        let shown = format!("{keywords:?}");
        assert!(shown.starts_with(
            r#"Keywords { type: Some("t"), limit: "*** Sensitive Data Redacted ***", said: "#
        ));
        assert!(!shown.contains('7'), "{shown}");
        assert!(shown.len() < 2 * 1024, "{} bytes shown", shown.len());
        let shown = format!("{:?}", Keywords::builder().limit(7));
        assert_eq!(
            shown,
            r#"KeywordsBuilder { type: None, limit: "*** Sensitive Data Redacted ***", said: None }"#
        );
        assert_eq!(
            (field_label("r#type"), field_label("type")),
            ("type", "type")
        );
    }
}
