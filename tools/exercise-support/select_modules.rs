//! The build script of every chapter's exercises crate (their Cargo.toml
//! says `build = "../../../tools/exercise-support/select_modules.rs"`).
//!
//! It writes the crate's module list, one module per exercise named in
//! `exercises.txt`, and picks the file each module is built from:
//!
//! - `starters/NAME.rs`, the student's code, normally;
//! - `solutions/NAME.rs` with the feature `solutions` (`cargo exercise verify`);
//! - `wrong/NAME/WRONG.rs` when the variable `EXERCISE_WRONG_ANSWER` is
//!   `NAME/WRONG` (`cargo exercise verify` proves each wrong answer fails).

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const VARIABLE: &str = "EXERCISE_WRONG_ANSWER";

fn main() {
    let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&dir);
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=exercises.txt");
    println!("cargo::rerun-if-env-changed={VARIABLE}");

    let list = fs::read_to_string(dir.join("exercises.txt"))
        .unwrap_or_else(|e| panic!("cannot read exercises.txt: {e}"));
    let names: Vec<&str> = list
        .lines()
        .filter_map(|l| l.trim().strip_prefix('[')?.strip_suffix(']'))
        .collect();
    // It may name another crate's exercise: then this crate builds as usual.
    let wrong = env::var(VARIABLE).ok().filter(|w| !w.is_empty());
    if let Some(w) = wrong.as_deref().filter(|w| !w.contains('/')) {
        panic!("{VARIABLE} must be EXERCISE/WRONG_ANSWER, not `{w}`");
    }
    let solutions = env::var_os("CARGO_FEATURE_SOLUTIONS").is_some();

    let mut modules = String::new();
    for name in &names {
        let file = match wrong.as_deref().and_then(|w| w.split_once('/')) {
            Some((exercise, answer)) if exercise == *name => {
                dir.join("wrong").join(name).join(format!("{answer}.rs"))
            }
            _ if solutions => dir.join("solutions").join(format!("{name}.rs")),
            _ => dir.join("starters").join(format!("{name}.rs")),
        };
        if !file.is_file() {
            panic!("{} does not exist", file.display());
        }
        let path = file.to_str().expect("the repository's path is UTF-8");
        writeln!(modules, "#[path = {path:?}]\npub mod {name};").unwrap();
    }
    fs::write(Path::new(&out).join("exercises.rs"), modules)
        .unwrap_or_else(|e| panic!("cannot write the module list: {e}"));
}
