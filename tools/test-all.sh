#!/usr/bin/env bash
# Runs every test of the project, installing what is missing first:
# formatting, the Rust tests (unit, integration, example runs, the book's
# code and output), the book build (no warnings), `mdbook test`, and every
# chapter notebook executed with the real evcxr kernel, and every written
# page of the book loaded in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/install.sh
start=$SECONDS
log=$(mktemp)
trap 'rm -f "$log" "$log.kernel"' EXIT

# Each step's title; the previous step's time is kept for the summary, so
# that a slow step shows as the book grows.
timings=""
step_name=""
step_start=$SECONDS
step() {
  end_step
  step_name="$*"
  step_start=$SECONDS
  printf '\n== %s\n' "$*"
}
end_step() {
  if [ -n "$step_name" ]; then
    timings+=$(printf '%5ds  %s' $((SECONDS - step_start)) "$step_name")$'\n'
  fi
}

ensure_mdbook
ensure_notebook_tools
ensure_browser

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo build (examples and tests; warnings fail)"
cargo test --workspace --no-run 2>&1 | tee "$log"
if grep -q '^warning' "$log"; then
  echo "error: the build has warnings (see above)" >&2
  exit 1
fi

step "cargo test"
cargo test --workspace --no-fail-fast 2>&1 | tee "$log"
# Only libtest's own summary lines: the tests' output may say "failed" too
# (the crawler's progress lines count the pages that failed).
passed=$(grep '^test result:' "$log" | grep -o '[0-9]* passed' | awk '{s+=$1} END {print s+0}')
failed=$(grep '^test result:' "$log" | grep -o '[0-9]* failed' | awk '{s+=$1} END {print s+0}')

step "exercises: every solution passes, every untouched starter and every kept wrong answer fails"
cargo exercise verify | tee "$log"
exercises=$(grep -o '[0-9]* passed' "$log" | awk '{s+=$1} END {print s+0}')
passed=$((passed + exercises))

step "mdbook build (warnings fail)"
mdbook build 2>&1 | tee "$log"
if grep -Eq 'WARN|ERROR' "$log"; then
  echo "error: mdbook build reported problems (see above)" >&2
  exit 1
fi

step "mdbook test"
mdbook test

step "the book's pages in headless Chromium"
python3 tools/browser-check.py | tee "$log"
pages=$(grep -o '[0-9]* passed' "$log" | awk '{s+=$1} END {print s+0}')
passed=$((passed + pages))

step "notebooks are generated from the current sources"
python3 tools/notebooks/generate.py --check

step "notebooks run with the evcxr kernel"
# The kernel's compiler output goes to a log; it is shown if a notebook fails.
if ! python3 tools/notebooks/run.py 2>"$log.kernel" | tee "$log"; then
  tail -n 40 "$log.kernel" >&2
  exit 1
fi
notebooks=$(grep -o '[0-9]* passed' "$log" | awk '{s+=$1} END {print s+0}')
passed=$((passed + notebooks))

end_step
printf '\nTime per step:\n%s' "$timings"
printf '\nAll checks passed in %ds.\n' $((SECONDS - start))
echo "tests: $passed passed, $failed failed"
