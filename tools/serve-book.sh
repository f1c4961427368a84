#!/usr/bin/env bash
# Installs mdBook if it is missing, then serves the book on
# http://127.0.0.1:3000 (or $PORT) and rebuilds it when a file changes.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/install.sh
ensure_mdbook
port=${PORT:-3000}
open=()
if [ -z "${CI:-}" ] && { command -v xdg-open || command -v open; } >/dev/null 2>&1; then
  open=(--open)
fi
echo "Serving the book on http://127.0.0.1:$port (Ctrl-C to stop)"
exec mdbook serve --hostname 127.0.0.1 --port "$port" "${open[@]}"
