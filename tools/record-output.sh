#!/usr/bin/env bash
# Re-records the program output the book shows, and draws its timelines
# as SVG pictures beside it (FILE.svg, from the text just recorded).
#
# Each file under src/output/ starts with the command that produced it
# ("$ cargo run --example NAME -- ARGS"); this runs that command again and
# writes what it printed below the command. The test
# `output_shown_in_the_book_matches_a_fresh_run` checks that a fresh run still
# prints the same thing (times within a tolerance).
#
# Usage: tools/record-output.sh [FILE...]     (default: every file)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --examples
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(find src/output -name '*.txt' | sort)
fi
for file in "${files[@]}"; do
  command=$(head -n 1 "$file")
  case "$command" in
    '$ cargo run --example '*) ;;
    *) echo "error: $file: the first line must be '\$ cargo run --example NAME -- ARGS'" >&2; exit 2 ;;
  esac
  rest=${command#'$ cargo run --example '}
  name=${rest%% *}
  args=${rest#"$name"}
  args=${args# --}
  # shellcheck disable=SC2086  # the arguments are meant to be split
  { echo "$command"; "./target/debug/examples/$name" $args; } > "$file.new"
  mv "$file.new" "$file"
  echo "recorded $file"
done
cargo run --quiet -p harness --bin timeline-svg
