//! Examples of the generated `chime-lean` client; see `cargo run -p chime-examples --example create_app_instance -- --help`.
