#!/usr/bin/env python3
"""Serves the book with `mdbook serve` on 127.0.0.1 and loads every written
page in headless Chromium, checking what a reader would see: the page's
heading, highlighted Rust code where the page has code, the table of
contents, and no include directive left unexpanded.

    python3 tools/browser-check.py
"""
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=5000",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def written_pages():
    """(title, file) for every chapter in SUMMARY.md that has a file."""
    summary = (ROOT / "src" / "SUMMARY.md").read_text()
    return re.findall(r"\[([^\]]+)\]\(([^)]+\.md)\)", summary)


def dom(browser, url):
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
    return out.stdout


# A Python name a reader searches for, and the page that should be among
# the first results: the book's search finds the Python names.
SEARCHES = [
    ("gather", "gather-wait.html"),
    ("run_in_executor", "blocking-in-async.html"),
    ("Semaphore", "semaphores.html"),
    ("call_soon_threadsafe", "bridging.html"),
    ("as_completed", "gather-wait.html"),
    ("epoll", "io-models-select-poll-epoll.html"),
]


def search_results(browser, base, query):
    """The pages of the first results of the book's own search box, which
    mdBook fills from `?search=` when the page loads."""
    html = dom(browser, f"{base}/introduction.html?search={query}")
    found = re.search(r'<ul id="mdbook-searchresults">(.*?)</ul>', html, re.S)
    return re.findall(r'href="([^"?#]+)', found.group(1)) if found else []


def main():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("error: chromium is missing: apt-get install chromium", file=sys.stderr)
        return 2
    port = free_port()
    server = subprocess.Popen(
        ["mdbook", "serve", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            print("error: mdbook serve did not answer", file=sys.stderr)
            return 1
        passed = failed = 0
        for title, file in written_pages():
            page = file[:-3] + ".html"
            html = dom(browser, f"{base}/{page}")
            source = (ROOT / "src" / file).read_text()
            problems = []
            plain = re.sub(r"<[^>]+>", "", html)
            heading = source.lstrip().splitlines()[0].lstrip("# ").strip()
            if heading.replace("`", "") not in plain.replace("&amp;", "&"):
                problems.append(f"the heading `{heading}` is not on the page")
            if "```rust" in source and 'class="hljs-keyword"' not in html:
                problems.append("the Rust code is not highlighted (did the page's scripts run?)")
            # (A directive shown as an example, like {{#include FILE:ANCHOR}}, names no real file.)
            if re.search(r"\{\{#include [^}]*[/.]", plain):
                problems.append("an include directive was left unexpanded")
            if html.count('class="chapter-item') < 10:
                problems.append("the table of contents is missing")
            if problems:
                failed += 1
                print(f"FAILED {page}: " + "; ".join(problems))
            else:
                passed += 1
                print(f"ok     {page}")
        for query, page in SEARCHES:
            first = search_results(browser, base, query)[:5]
            if page in first:
                passed += 1
                print(f"ok     search {query!r} finds {page}")
            else:
                failed += 1
                print(f"FAILED search {query!r}: {page} is not among the first results {first}")
        print(f"browser: {passed} passed, {failed} failed")
        return 1 if failed or not passed else 0
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
