//! The Smithy IDL: reading `.smithy` files into the JSON AST the generator
//! reads.
//!
//! Built in steps; so far the tokens ([`lexer`]), which the reader of
//! statements and shapes will take.

#[cfg(test)]
mod conformance;
pub(crate) mod lexer;
pub(crate) mod parser;
mod prelude;
