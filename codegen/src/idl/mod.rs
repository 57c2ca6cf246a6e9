//! The Smithy IDL: reading `.smithy` files into the JSON AST the generator
//! reads.
//!
//! Built in steps; so far the tokens ([`lexer`]), which the reader of
//! statements and shapes will take.

pub(crate) mod lexer;
