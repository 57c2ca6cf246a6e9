//! The model files that `cargo xtask codegen --model` and `cargo xtask
//! model` read: one JSON AST file as it is, or `.smithy` files and
//! directories assembled into one model.

use smithy_lean_codegen::{ModelFile, assemble};
use std::path::{Path, PathBuf};

/// The model's JSON AST text from what `--model` names: a `.json` file's
/// own text (so that generation from it is what it always was), or the
/// assembled model of a `.smithy` file or of a directory's `.smithy` and
/// `.json` files.
pub fn model_text(path: &Path) -> Result<String, String> {
    if path.is_file() && path.extension().is_some_and(|e| e == "json") {
        return std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the model {}: {e}", path.display()));
    }
    assembled(&[path.to_owned()])
}

/// The files under each path (a directory's `.smithy` and `.json` files,
/// depth first, in name order), assembled into one JSON AST, pretty-printed.
pub fn assembled(paths: &[PathBuf]) -> Result<String, String> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files)?;
    }
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok((path.display().to_string(), text))
        })
        .collect::<Result<_, String>>()?;
    let model_files: Vec<ModelFile<'_>> = texts
        .iter()
        .map(|(name, text)| ModelFile { name, text })
        .collect();
    let model = assemble(&model_files).map_err(|e| e.to_string())?;
    let mut text = serde_json::to_string_pretty(&model).expect("a JSON value prints");
    text.push('\n');
    Ok(text)
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    if !path.is_dir() {
        if !path.exists() {
            return Err(format!("cannot read {}: no such file", path.display()));
        }
        files.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    entries.sort();
    for entry in entries {
        let model = entry
            .extension()
            .is_some_and(|e| e == "smithy" || e == "json");
        if entry.is_dir() || model {
            collect(&entry, files)?;
        }
    }
    Ok(())
}
