//! What the engine's tests share.

/// Makes a test operation's input type its own builder, with no
/// constraints to check: what the runtime's `structure!` and `builder!`
/// give a generated input, which these tests do without.
macro_rules! input_builds_itself {
    ($input:ident) => {
        impl smithy_lean_runtime::builders::Structure for $input {
            type Builder = $input;
        }

        impl smithy_lean_runtime::builders::StructureBuilder for $input {
            type Structure = $input;

            fn build_structure(self) -> Result<$input, smithy_lean_runtime::BuildError> {
                Ok(self)
            }
        }

        impl smithy_lean_runtime::validation::Validate for $input {
            fn collect_violations(
                &self,
                _: &str,
                _: &mut Vec<smithy_lean_runtime::ConstraintViolation>,
            ) {
            }
        }
    };
}

pub(crate) use input_builds_itself;
