#!/usr/bin/env bash
# Runs the whole Rust test suite and the exercise checks (`cargo exercise
# verify`) several times while other processes keep
# every core busy, as on a student's laptop or a shared CI machine. Timing
# tests must hold there: they compare against a baseline measured in the
# same run, check order and overlap on the timeline, or use a paused clock.
#
# Usage: tools/stress-test.sh [RUNS] [BUSY_PROCESSES]
#   RUNS             how many times to run the suite (default 3)
#   BUSY_PROCESSES   CPU-bound processes to run beside it (default: one per core)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
busy=${2:-$(nproc)}
for value in "$runs" "$busy"; do
  if ! [[ "$value" =~ ^[0-9]+$ ]] || [ "$value" -lt 1 ] || [ "$value" -gt 64 ]; then
    echo "error: RUNS and BUSY_PROCESSES are whole numbers from 1 to 64, not '$value'" >&2
    echo "usage: tools/stress-test.sh [RUNS] [BUSY_PROCESSES]" >&2
    exit 2
  fi
done

echo "Building the tests first (not under load)..."
cargo test --workspace --no-run --quiet

pids=()
stop_busy() { [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true; }
trap stop_busy EXIT
for _ in $(seq "$busy"); do
  # A pure CPU loop: no I/O, nothing to wait for.
  sh -c 'while :; do :; done' &
  pids+=($!)
done
echo "Started $busy busy processes on $(nproc) cores."

log=$(mktemp)
trap 'stop_busy; rm -f "$log"' EXIT
good=0
for run in $(seq "$runs"); do
  start=$SECONDS
  # The exercise checks (solutions pass, wrong answers fail) have timing
  # margins of their own, so they run under the same load.
  if cargo test --workspace --no-fail-fast >"$log" 2>&1 && cargo exercise verify >>"$log" 2>&1; then
    good=$((good + 1))
    echo "run $run: passed ($((SECONDS - start)) s)"
  else
    echo "run $run: FAILED ($((SECONDS - start)) s); failing tests:"
    grep -E '^test .* FAILED$|^    [a-z_:]+$|panicked at|^FAILED ' "$log" | sed 's/^/  /' | head -40
  fi
done
echo "stress: $good of $runs runs passed with $busy busy processes"
[ "$good" -eq "$runs" ]
