//! Examples of the generated `chime` client; see `cargo run -p chime-examples --example create_app_instance -- --help`.
