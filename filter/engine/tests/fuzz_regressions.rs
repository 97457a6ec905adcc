//! Replays the fuzz seed corpora and every saved fuzz regression through the checks the fuzz
//! targets make, so that `cargo test` keeps fixed crashes fixed without nightly or libFuzzer.
//!
//! Inputs live in `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/`; the checks in
//! `fuzz/src/checks/`, compiled here as they are into the fuzz targets.

use std::path::{Path, PathBuf};

#[cfg(test)]
#[path = "../../../fuzz/src/checks/mod.rs"]
mod checks;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted; none when the directory does not exist.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(kind).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

/// Runs every input through its target's check; names the input that fails.
fn replay(kind: &str) -> std::io::Result<usize> {
    let mut replayed = 0;
    for (target, check) in checks::TARGETS {
        for path in inputs(kind, target) {
            let data = std::fs::read(&path)?;
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails", path.display());
            replayed += 1;
        }
    }
    Ok(replayed)
}

#[test]
fn every_target_has_seeds_and_they_pass_its_checks() -> std::io::Result<()> {
    for (target, _) in checks::TARGETS {
        assert!(
            !inputs("corpus", target).is_empty(),
            "no seeds in fuzz/corpus/{target}"
        );
    }
    assert!(replay("corpus")? >= checks::TARGETS.len());
    Ok(())
}

#[test]
fn saved_regressions_pass_their_checks() -> std::io::Result<()> {
    // Every directory under fuzz/regressions must name a target, or its inputs would never run.
    if let Ok(entries) = std::fs::read_dir(fuzz_dir().join("regressions")) {
        for entry in entries.filter_map(Result::ok).filter(|e| e.path().is_dir()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                checks::TARGETS.iter().any(|(t, _)| *t == name),
                "fuzz/regressions/{name} is not a fuzz target"
            );
        }
    }
    replay("regressions")?;
    Ok(())
}
