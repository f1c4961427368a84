//! Finding the exercises: every `chapters/*/exercises/exercises.txt`.

use std::fs;
use std::path::{Path, PathBuf};

/// One exercise, as its chapter's `exercises.txt` describes it.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub name: String,
    pub chapter: String,
    pub title: String,
    pub minutes: u32,
    pub hints: Vec<String>,
    /// The chapter's exercises crate: its folder and package name.
    pub dir: PathBuf,
    pub package: String,
}

impl Exercise {
    pub fn solution(&self) -> PathBuf {
        self.dir.join("solutions").join(format!("{}.rs", self.name))
    }

    pub fn starter(&self) -> PathBuf {
        self.dir.join("starters").join(format!("{}.rs", self.name))
    }

    /// The wrong answers kept beside the solution, `wrong/NAME/*.rs`, by name.
    pub fn wrong_answers(&self) -> Vec<WrongAnswer> {
        let folder = self.dir.join("wrong").join(&self.name);
        let mut all: Vec<WrongAnswer> = fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .filter_map(|entry| {
                let file = entry.ok()?.path();
                let name = file.file_stem()?.to_str()?.to_string();
                (file.extension()? == "rs").then_some(WrongAnswer { name, file })
            })
            .collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }
}

/// A plausible wrong answer to an exercise: `cargo exercise verify` builds it
/// in place of the starter and proves that the checks fail it.
#[derive(Debug, Clone)]
pub struct WrongAnswer {
    /// The file's name without `.rs`, such as `fixed_batches`.
    pub name: String,
    pub file: PathBuf,
}

impl WrongAnswer {
    /// Its first line must be a `//!` comment that says what mistake it makes.
    pub fn is_explained(&self) -> bool {
        fs::read_to_string(&self.file).is_ok_and(|text| text.starts_with("//! "))
    }
}

/// Every exercise, chapter by chapter in the book's order, then file order.
pub fn load(root: &Path) -> Result<Vec<Exercise>, String> {
    let summary = fs::read_to_string(root.join("src/SUMMARY.md")).unwrap_or_default();
    let mut dirs: Vec<PathBuf> = fs::read_dir(root.join("chapters"))
        .map_err(|e| format!("cannot read {}: {e}", root.join("chapters").display()))?
        .filter_map(|e| e.ok().map(|e| e.path().join("exercises")))
        .filter(|d| d.join("exercises.txt").is_file())
        .collect();
    // Chapters in the order the book's table of contents lists them.
    let position = |d: &PathBuf| {
        let chapter = d
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('_', "-");
        summary.find(&chapter).unwrap_or(usize::MAX)
    };
    dirs.sort_by_key(|d| (position(d), d.clone()));
    let mut all = Vec::new();
    for dir in dirs {
        all.extend(parse(&dir)?);
    }
    Ok(all)
}

fn parse(dir: &Path) -> Result<Vec<Exercise>, String> {
    let file = dir.join("exercises.txt");
    let text =
        fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    let package = manifest
        .lines()
        .find_map(|l| l.strip_prefix("name = \""))
        .and_then(|l| l.strip_suffix('"'))
        .ok_or_else(|| format!("{}: no package name", dir.join("Cargo.toml").display()))?
        .to_string();
    let chapter = dir
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut out: Vec<Exercise> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        let at = || format!("{}:{}", file.display(), n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Exercise {
                name: name.to_string(),
                chapter: chapter.clone(),
                title: String::new(),
                minutes: 0,
                hints: Vec::new(),
                dir: dir.to_path_buf(),
                package: package.clone(),
            });
            continue;
        }
        let current = out
            .last_mut()
            .ok_or_else(|| format!("{}: a line before the first [name]", at()))?;
        match line.split_once(':') {
            Some(("title", v)) => current.title = v.trim().to_string(),
            Some(("minutes", v)) => {
                current.minutes = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("{}: minutes must be a number", at()))?
            }
            Some(("hint", v)) => current.hints.push(v.trim().to_string()),
            _ => {
                return Err(format!(
                    "{}: expected `title:`, `minutes:` or `hint:`",
                    at()
                ));
            }
        }
    }
    Ok(out)
}
