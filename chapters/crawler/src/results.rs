//! The results file: a first line naming the site, then one JSON object a
//! line, one line a page, each written with one `write_all` to an
//! unbuffered file as the page's result comes in, so that a line written
//! survives the process being killed (not an OS crash: there is no
//! `fsync`); and read back by `--resume`.

use crate::scenario::{Outcome, PageResult};
use serde_json::{Value, json};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

// ANCHOR: line
/// `{"url":"/site/12","outcome":"ok","status":200,"attempts":1,"links":[...]}`,
/// with `"error"` for a page that failed.
pub fn to_line(page: &PageResult) -> String {
    let mut object = json!({
        "url": page.url,
        "outcome": page.outcome.as_str(),
        "status": page.status,
        "attempts": page.attempts,
        "links": page.links,
    });
    if let Some(error) = &page.error {
        object["error"] = json!(error);
    }
    let mut line = object.to_string();
    line.push('\n');
    line
}
// ANCHOR_END: line

/// A line read back; the message says what is wrong with it.
pub fn from_line(line: &str) -> Result<PageResult, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let text = |key: &str| value[key].as_str().ok_or(format!("no \"{key}\""));
    let links = value["links"]
        .as_array()
        .ok_or("no \"links\"")?
        .iter()
        .map(|l| {
            l.as_str()
                .map(String::from)
                .ok_or("a link that is not text")
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PageResult {
        url: text("url")?.to_string(),
        outcome: Outcome::parse(text("outcome")?).ok_or("an unknown \"outcome\"")?,
        status: value["status"].as_u64().map(|s| s as u16),
        attempts: value["attempts"].as_u64().ok_or("no \"attempts\"")? as u32,
        links,
        error: value["error"].as_str().map(String::from),
    })
}

/// Where the results go: a file, or nowhere (no `--out`).
pub struct Results {
    file: Option<File>,
}

impl Results {
    pub fn nowhere() -> Results {
        Results { file: None }
    }

    /// A new results file, holding only its first line: `site`, the
    /// settings that make the site (see [`site_line`]).
    pub fn create(path: &Path, site: &Value) -> io::Result<Results> {
        let mut file = File::create(path)?;
        file.write_all(site_line(site).as_bytes())?;
        Ok(Results { file: Some(file) })
    }

    /// The results file of an earlier run, to add to.
    pub fn append(path: &Path) -> io::Result<Results> {
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(Results { file: Some(file) })
    }

    /// Writes one page's line: one `write` to a file the OS holds for us,
    /// so it is saved even if the process is killed right after.
    pub fn add(&mut self, page: &PageResult) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.write_all(to_line(page).as_bytes()),
            None => Ok(()),
        }
    }
}

/// The first line of a results file: `{"site":{...}}`.
pub fn site_line(site: &Value) -> String {
    json!({ "site": site }).to_string() + "\n"
}

/// The pages of a results file, without its first line.
pub fn read(path: &Path) -> Result<Vec<PageResult>, String> {
    read_with_site(path).map(|(_, pages)| pages)
}

/// How many pages a results file holds (lines after the first), without
/// reading them: to refuse to write over an earlier crawl.
pub fn lines_held(path: &Path) -> Option<usize> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() == 0 {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let lines = text.lines().count();
    let site = text
        .lines()
        .next()
        .is_some_and(|l| l.starts_with("{\"site\""));
    Some(lines - usize::from(site))
}

// ANCHOR: read
/// The site and the pages of an earlier run, for `--resume`. A last line
/// cut short (the program was killed in the middle of a write) is cut off
/// the file: that page is fetched again. Any other bad line is an error.
pub fn read_with_site(path: &Path) -> Result<(Option<Value>, Vec<PageResult>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read `{}` to resume from it: {e}; start a new crawl without --resume",
            path.display()
        )
    })?;
    let complete = text.rfind('\n').map_or(0, |end| end + 1);
    if complete < text.len() {
        let file = OpenOptions::new().write(true).open(path);
        file.and_then(|f| f.set_len(complete as u64)).map_err(|e| {
            format!(
                "cannot cut the unfinished last line of `{}`: {e}",
                path.display()
            )
        })?;
    }
    // ANCHOR_END: read
    let mut lines = text[..complete].lines().enumerate().peekable();
    let first: Option<Value> = lines.peek().and_then(|(_, l)| serde_json::from_str(l).ok());
    let site = first.and_then(|v| v.get("site").cloned());
    if site.is_some() {
        lines.next();
    }
    let pages = lines
        .map(|(n, line)| {
            from_line(line).map_err(|why| {
                format!(
                    "line {} of `{}` is not a crawl result ({why}); resume from a file this crawler wrote",
                    n + 1,
                    path.display()
                )
            })
        })
        .collect::<Result<_, _>>()?;
    Ok((site, pages))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_back_as_it_was_written() {
        let pages = [
            PageResult::ok("/site/1", 200, 2, vec!["/site/2".into(), "/site/9".into()]),
            PageResult::not_found("/site/5000", 1),
            PageResult::failed("/site/7", Some(500), 4, "status 500 \"x\"".into()),
            PageResult::failed("/site/8", None, 4, "no answer".into()),
        ];
        for page in pages {
            let line = to_line(&page);
            assert!(line.ends_with("}\n") && line.matches('\n').count() == 1);
            assert_eq!(from_line(&line).unwrap(), page);
        }
        assert!(from_line("{\"url\":\"/a\"}").is_err());
    }
}
