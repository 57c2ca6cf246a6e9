//! `@pattern` as ECMA-262 defines it, held to JavaScript's own `RegExp`.
//!
//! `fixtures/pattern_oracle.json` holds random patterns (lookaround,
//! Unicode property escapes, Annex B's legacy forms, astral characters)
//! with node's answers: the grammar that reads each one, and whether it
//! matches each of a few texts. The generator must read every pattern in
//! the same grammar, or refuse it where node does, and the runtime must
//! give node's answer for every text. `fixtures/pattern_oracle.mjs` writes
//! the file.

use serde_json::Value as Json;
use smithy_lean_codegen::pattern;
use smithy_lean_runtime::validation::Pattern;

#[test]
fn every_pattern_is_read_and_matched_as_javascript_does() {
    let oracle: Json =
        serde_json::from_str(&chime_tests::read("tests/fixtures/pattern_oracle.json")).unwrap();
    let cases = oracle["cases"].as_array().unwrap();
    assert!(cases.len() > 900, "{}", cases.len());
    let mut mismatches = Vec::new();
    let mut compared = 0;
    let mut refused_as_unsupported = 0;
    for case in cases {
        let ecma = case["pattern"].as_str().unwrap();
        let reading = pattern::read(ecma);
        let mode = match &reading {
            Ok(reading) if reading.unicode => "unicode",
            Ok(_) => "annex-b",
            Err(_) => "invalid",
        };
        // Outside Unicode mode, astral characters and surrogate escapes
        // are refused (see the generator's `pattern` module): every such
        // refusal must be of a pattern that node reads with Annex B.
        if let Err(error) = &reading
            && error.message.contains("is not supported")
        {
            refused_as_unsupported += 1;
            if case["mode"] != "annex-b" || !holds_a_surrogate_unit(ecma) {
                mismatches.push(format!(
                    "{ecma:?} refused ({error}), node reads it as {}",
                    case["mode"]
                ));
            }
            continue;
        }
        if mode != case["mode"] {
            mismatches.push(format!(
                "{ecma:?}: read as {mode}, node reads it as {}",
                case["mode"]
            ));
            continue;
        }
        let Ok(reading) = reading else { continue };
        // The runtime's patterns live as long as the program.
        let ecma: &'static str = Box::leak(ecma.to_owned().into_boxed_str());
        let source: &'static str = Box::leak(reading.source.into_boxed_str());
        let compiled = Pattern::respelled(ecma, source, reading.unicode);
        let texts = case["texts"].as_array().unwrap();
        let answers = case["matches"].as_array().unwrap();
        for (text, answer) in texts.iter().zip(answers) {
            let text = text.as_str().unwrap();
            compared += 1;
            let ours = compiled.is_match(text);
            if Some(ours) != answer.as_bool() {
                mismatches.push(format!("{ecma:?} on {text:?}: {ours}, node {answer}"));
            }
        }
    }
    assert!(compared > 4000, "{compared}");
    println!(
        "{refused_as_unsupported} patterns refused outside Unicode mode for their astral characters or surrogate escapes"
    );
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// Whether `ecma` has an astral character or a `\u` escape of a surrogate.
fn holds_a_surrogate_unit(ecma: &str) -> bool {
    ecma.chars().any(|c| u32::from(c) > 0xFFFF)
        || ecma
            .to_ascii_lowercase()
            .match_indices("\\ud")
            .any(|(at, _)| ecma[at + 3..].starts_with(|c: char| "89abAB".contains(c)))
}
