# Installs the tools the book needs, each only when it is missing.
# Sourced by serve-book.sh and test-all.sh; safe to run again.

export PATH="$HOME/.cargo/bin:$PATH"

MDBOOK_VERSION=0.5.4

ensure_mdbook() {
  if mdbook --version 2>/dev/null | grep -q "v$MDBOOK_VERSION"; then
    return
  fi
  echo "Installing mdBook $MDBOOK_VERSION (about 2-3 minutes, once)..."
  cargo install mdbook --locked --version "$MDBOOK_VERSION"
}
