//! The Smithy IDL: reading `.smithy` files into the JSON AST the generator
//! reads.
//!
//! [`read`] takes one file's text and returns its model as the JSON AST
//! (`{"smithy": ..., "metadata": ..., "shapes": ...}`), or the line and
//! column where Smithy's own loader would refuse it, with why. It is proven
//! on Smithy's loader conformance files (`codegen/tests/smithy-loader`).
//! [`write()`] does the reverse: a model of one namespace as an IDL 2.0
//! file that reads back as the same model.

#[cfg(test)]
mod conformance;
mod lexer;
mod parser;
pub(crate) mod prelude;
mod writer;

pub use lexer::{IdlError, Position};
pub use parser::read;
pub(crate) use parser::{
    ElidedMember, ReadNotes, UnquotedId, ValuelessTrait, merge_metadata, merge_traits,
    read_library_file, read_with_notes,
};
pub(crate) use prelude::defines as prelude_defines;
pub use writer::write;
