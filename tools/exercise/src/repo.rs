//! Finding the repository at run time, so that the checker works wherever
//! the clone is, even after it was moved.

use std::path::{Path, PathBuf};

/// The repository root: the nearest folder, from the current one upwards,
/// that holds the workspace's Cargo.toml and `chapters/`. If there is none
/// (the checker was started from elsewhere), the folder it was built in,
/// if that still exists.
pub fn find() -> Result<PathBuf, String> {
    let here =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    if let Some(root) = walk_up(&here) {
        return Ok(root.to_path_buf());
    }
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if is_root(&built_in)
        && let Ok(root) = built_in.canonicalize()
    {
        return Ok(root);
    }
    Err(format!(
        "cannot find the book's repository from {}: run `cargo exercise` inside your clone \
         (the folder with Cargo.toml and chapters/, or any folder below it)",
        here.display()
    ))
}

/// The nearest ancestor of `start` (or `start` itself) that is the root.
pub fn walk_up(start: &Path) -> Option<&Path> {
    start.ancestors().find(|dir| is_root(dir))
}

/// Whether `dir` holds the workspace's Cargo.toml with `chapters/` beside it.
fn is_root(dir: &Path) -> bool {
    dir.join("chapters").is_dir()
        && std::fs::read_to_string(dir.join("Cargo.toml"))
            .is_ok_and(|manifest| manifest.lines().any(|l| l.trim() == "[workspace]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_found_from_any_folder_below_it() {
        let root = std::env::temp_dir().join(format!("exercise-repo-{}", std::process::id()));
        let below = root.join("chapters/gather_wait/exercises");
        std::fs::create_dir_all(&below).unwrap();
        std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        // A Cargo.toml that is not the workspace's is not the root.
        assert_eq!(walk_up(&below).filter(|r| r.starts_with(&root)), None);
        std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        assert_eq!(walk_up(&below), Some(root.as_path()));
        assert_eq!(walk_up(&root), Some(root.as_path()));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
