//! The scenarios with child processes start the running program again as
//! their children. This test program has its own `main` (no libtest
//! harness), so that the children started from it do the children's jobs.

use std::process::ExitCode;
use threads_processes::std_version;

fn main() -> ExitCode {
    if let Some(code) = std_version::child_main() {
        return code;
    }
    ExitCode::SUCCESS
}
