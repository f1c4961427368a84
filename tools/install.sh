# Installs the tools the book needs, each only when it is missing.
# Sourced by serve-book.sh and test-all.sh; safe to run again.

export PATH="$HOME/.cargo/bin:$PATH"

MDBOOK_VERSION=0.5.4

MDBOOK_QUIZ_VERSION=0.5.0

# mdBook, and mdbook-quiz, the preprocessor behind the chapters' quizzes
# (book.toml's [preprocessor.quiz]): the book does not build without it.
ensure_mdbook() {
  if ! mdbook --version 2>/dev/null | grep -q "v$MDBOOK_VERSION"; then
    echo "Installing mdBook $MDBOOK_VERSION (about 2-3 minutes, once)..."
    cargo install mdbook --locked --version "$MDBOOK_VERSION"
  fi
  if ! mdbook-quiz --version 2>/dev/null | grep -q "$MDBOOK_QUIZ_VERSION"; then
    echo "Installing mdbook-quiz $MDBOOK_QUIZ_VERSION (about 1-2 minutes, once)..."
    cargo install mdbook-quiz --locked --version "$MDBOOK_QUIZ_VERSION"
  fi
}

EVCXR_VERSION=0.22.0

# The evcxr Jupyter kernel and the Python packages that run notebooks headless.
ensure_notebook_tools() {
  if ! evcxr_jupyter --version 2>/dev/null | grep -q "$EVCXR_VERSION"; then
    echo "Installing evcxr_jupyter $EVCXR_VERSION (about 6-15 minutes, once)..."
    cargo install evcxr_jupyter --locked --version "$EVCXR_VERSION"
  fi
  if ! python3 -c "import nbclient, nbformat" 2>/dev/null; then
    echo "Installing nbclient and nbformat..."
    python3 -m pip install --quiet nbclient nbformat
  fi
  if ! python3 -c "from jupyter_client.kernelspec import find_kernel_specs as f; import sys; sys.exit('rust' not in f())" 2>/dev/null; then
    evcxr_jupyter --install >/dev/null
  fi
}

PLAYWRIGHT_VERSION=1.65.2

# Headless Chromium, for loading the book's pages as a reader would, driven
# by Playwright for Python (which uses this Chromium: it downloads none).
ensure_browser() {
  if ! python3 -c "import playwright, sys; from importlib.metadata import version; sys.exit(version('playwright') != '$PLAYWRIGHT_VERSION')" 2>/dev/null; then
    echo "Installing Playwright for Python $PLAYWRIGHT_VERSION..."
    python3 -m pip install --quiet "playwright==$PLAYWRIGHT_VERSION"
  fi
  if command -v chromium >/dev/null 2>&1; then
    return
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error: chromium is missing; install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
    return 1
  fi
  echo "Installing chromium (about 20 s)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}
