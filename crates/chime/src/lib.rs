//! placeholder
pub mod endpoint;
