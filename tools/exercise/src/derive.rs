//! Deriving a starter from its solution. The solution is the source of
//! truth: the lines between `// BEGIN SOLUTION` and `// END SOLUTION` are
//! removed, and a `// STARTER code` line becomes `code`.

/// The starter file for a solution file.
pub fn starter(solution: &str, name: &str) -> Result<String, String> {
    let mut out = format!(
        "// Exercise `{name}`: replace the `todo` below with your code, then run\n\
         // `cargo exercise check {name}`. (This file is made from the solution by\n\
         // `cargo exercise derive`; the solution is in ../solutions/.)\n\
         #![allow(unused)]\n\n"
    );
    let mut inside = false;
    let mut regions = 0;
    for (n, line) in solution.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed == "// BEGIN SOLUTION" {
            if inside {
                return Err(format!("line {}: BEGIN SOLUTION inside another", n + 1));
            }
            inside = true;
            regions += 1;
        } else if trimmed == "// END SOLUTION" {
            if !inside {
                return Err(format!("line {}: END SOLUTION without BEGIN", n + 1));
            }
            inside = false;
        } else if inside {
            continue;
        } else if let Some(code) = trimmed.strip_prefix("// STARTER ") {
            let indent = &line[..line.len() - trimmed.len()];
            out.push_str(&format!("{indent}{code}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if inside {
        return Err("a BEGIN SOLUTION is never ended".into());
    }
    if regions == 0 {
        return Err("no `// BEGIN SOLUTION` region: nothing for the student to write".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_solutions_and_uncomments_starters() {
        let solution = "fn f() -> u32 {\n    // BEGIN SOLUTION\n    42\n    // END SOLUTION\n    // STARTER panic!(\"write me\")\n}\n";
        let starter = starter(solution, "f").unwrap();
        assert!(
            starter.ends_with("fn f() -> u32 {\n    panic!(\"write me\")\n}\n"),
            "{starter}"
        );
        assert!(!starter.contains("42"));
        assert!(starter.contains("#![allow(unused)]"));
    }

    #[test]
    fn unbalanced_markers_are_errors() {
        assert!(
            starter("// BEGIN SOLUTION\n", "x")
                .unwrap_err()
                .contains("never ended")
        );
        assert!(
            starter("// END SOLUTION\n", "x")
                .unwrap_err()
                .contains("without BEGIN")
        );
        assert!(
            starter("fn f() {}\n", "x")
                .unwrap_err()
                .contains("nothing for the student")
        );
    }
}
