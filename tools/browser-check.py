#!/usr/bin/env python3
"""Serves the book with `mdbook serve` on 127.0.0.1 and reads it in headless
Chromium (driven by Playwright) as a reader would. On every written page:
the heading, highlighted Rust code where the page has code, the table of
contents, no include directive left unexpanded, every picture loaded, every
link inside the book reaching its page and its section, and no error in the
console. Each chapter's quiz renders and grades the answers given to it,
and a screenshot of each chapter's first page in the light and the dark
theme goes to target/screenshots/.
Then the search box finds the Python names.

    python3 tools/browser-check.py
"""
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "target" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
THEMES = ["light", "navy"]
QUIZZES_GRADED = []  # the quizzes that graded one wrong and the right answers  # book.toml's default theme and its dark one

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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def written_pages():
    """(file, is_chapter) for every page in SUMMARY.md: a chapter is a
    top-level entry before the `---` that starts the appendices."""
    pages, appendices = [], False
    for line in (ROOT / "src" / "SUMMARY.md").read_text().splitlines():
        if line.strip() == "---":
            appendices = True
        found = re.search(r"\[[^\]]+\]\(([^)]+\.md)\)", line)
        if found:
            pages.append((found.group(1), line.startswith("- ") and not appendices))
    return pages


class Fetcher:
    """The served files, fetched once each: a link's target and its ids."""

    def __init__(self, base):
        self.base, self.cache = base, {}

    def get(self, path):
        if path not in self.cache:
            try:
                with urllib.request.urlopen(f"{self.base}/{path}", timeout=10) as r:
                    self.cache[path] = r.read().decode("utf-8", "replace")
            except (urllib.error.URLError, OSError):
                self.cache[path] = None
        return self.cache[path]


def broken_links(page, fetcher, here):
    """Links inside the book's text whose page or section does not exist."""
    links = page.eval_on_selector_all(
        "main a[href]", "as => as.map(a => a.getAttribute('href'))")
    broken = []
    for href in sorted(set(links)):
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue  # outside the book
        path, _, anchor = href.partition("#")
        target = path or here
        body = fetcher.get(target)
        if body is None:
            broken.append(f"{href} (no such file)")
        elif anchor and target.endswith(".html") and f'id="{anchor}"' not in body:
            broken.append(f"{href} (no such section)")
    return broken


def answer_quiz(page, quiz_file):
    """Answers the page's quiz: the first question wrongly, the others
    rightly, and reads the score the quiz gives. Returns a problem or None."""
    questions = tomllib.loads(quiz_file.read_text())["questions"]
    quiz = page.locator(".quiz-placeholder").first
    if quiz.count() == 0:
        return "the quiz is not on the page"
    start = quiz.locator("button.start")
    if start.count() == 0:
        return "the quiz did not render (no Start button: did its script load?)"
    start.click()
    for n, question in enumerate(questions):
        if question["type"] not in ("MultipleChoice", "ShortAnswer"):
            return f"question {n + 1} is a {question['type']}, which this check cannot answer yet"
        right = question["answer"]["answer"]
        right = right[0] if isinstance(right, list) else right
        if question["type"] == "MultipleChoice":
            choice = question["prompt"]["distractors"][0] if n == 0 else right
            radios = quiz.locator("input[type=radio]")
            values = [radios.nth(k).get_attribute("value") for k in range(radios.count())]
            if choice not in values:
                return f"question {n + 1} does not offer `{choice}`"
            radios.nth(values.index(choice)).check()
        else:
            quiz.locator("form.response input[type=text]").first.fill(
                "not the answer" if n == 0 else right)
        quiz.locator("input[type=submit]").click()
    expected = f"You answered {len(questions) - 1}/{len(questions)} questions correctly"
    try:
        quiz.get_by_text(expected).wait_for(timeout=5000)
    except Exception:
        return f"after one wrong answer the quiz did not say `{expected}`"
    return None


def screenshot(page, stem):
    """The page in each theme, scrolled to its first picture if it has one."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for theme in THEMES:
        page.evaluate(f"localStorage.setItem('mdbook-theme', '{theme}')")
        page.reload(wait_until="load")
        if theme not in page.evaluate("document.documentElement.className"):
            problems.append(f"the {theme} theme did not apply")
        first_picture = page.locator("main img").first
        if first_picture.count():
            first_picture.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"{stem}-{theme}.png"))
    page.evaluate("localStorage.removeItem('mdbook-theme')")
    return problems


def check_page(page, fetcher, base, file, is_chapter, errors):
    html_name = file[:-3] + ".html"
    source = (ROOT / "src" / file).read_text()
    errors.clear()
    page.goto(f"{base}/{html_name}", wait_until="load")
    problems = []
    plain = page.inner_text("main")
    heading = source.lstrip().splitlines()[0].lstrip("# ").strip()
    if heading.replace("`", "") not in plain:
        problems.append(f"the heading `{heading}` is not on the page")
    if "```rust" in source and page.locator("main .hljs-keyword").count() == 0:
        problems.append("the Rust code is not highlighted (did the page's scripts run?)")
    # (A directive shown as an example, like {{#include FILE:ANCHOR}}, names no real file.)
    if re.search(r"\{\{#include [^}]*[/.]", plain):
        problems.append("an include directive was left unexpanded")
    if page.locator(".chapter-item").count() < 10:
        problems.append("the table of contents is missing")
    pictures = page.eval_on_selector_all(
        "main img", "is => is.map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])")
    wanted = len(re.findall(r"!\[[^\]]*\]\(", source))
    if len(pictures) < wanted:
        problems.append(f"{wanted} pictures in the source, {len(pictures)} on the page")
    problems += [f"the picture {src} did not load" for src, ok in pictures if not ok]
    problems += [f"broken link {link}" for link in broken_links(page, fetcher, html_name)]
    # A chapter's quiz is on its last page (tests/quizzes.rs checks where).
    for quiz in re.findall(r"\{\{#quiz (quizzes/[^}]+\.toml)\}\}", source):
        problem = answer_quiz(page, ROOT / "src" / quiz)
        if problem:
            problems.append(f"{quiz}: {problem}")
        else:
            QUIZZES_GRADED.append(quiz)
    if is_chapter:
        problems += screenshot(page, file[:-3])
    problems += [f"console: {e}" for e in errors]
    return html_name, list(dict.fromkeys(problems))  # each problem once


def search_results(page, base, query):
    """The pages of the first results of the book's own search box, which
    mdBook fills from `?search=` when the page loads."""
    page.goto(f"{base}/introduction.html?search={query}", wait_until="load")
    try:
        page.wait_for_selector("#mdbook-searchresults li a", timeout=5000)
    except Exception:
        return []
    hrefs = page.eval_on_selector_all(
        "#mdbook-searchresults li a", "as => as.map(a => a.getAttribute('href'))")
    return [re.split(r"[?#]", h)[0] for h in hrefs]


def main():
    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser_path:
        print("error: chromium is missing: apt-get install chromium", file=sys.stderr)
        return 2
    port = free_port()
    server = subprocess.Popen(
        ["mdbook", "serve", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            print("error: mdbook serve did not answer", file=sys.stderr)
            return 1
        passed = failed = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=browser_path, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors = []
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("requestfailed", lambda r: errors.append(f"{r.url} failed to load"))
            page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.url}: HTTP {r.status}"))
            fetcher = Fetcher(base)
            for file, is_chapter in written_pages():
                name, problems = check_page(page, fetcher, base, file, is_chapter, errors)
                if problems:
                    failed += 1
                    print(f"FAILED {name}: " + "; ".join(problems))
                else:
                    passed += 1
                    print(f"ok     {name}")
            for query, wanted in SEARCHES:
                first = search_results(page, base, query)[:5]
                if wanted in first:
                    passed += 1
                    print(f"ok     search {query!r} finds {wanted}")
                else:
                    failed += 1
                    print(f"FAILED search {query!r}: {wanted} is not among the first results {first}")
            browser.close()
        shots = len(list(SCREENSHOTS.glob("*.png"))) if SCREENSHOTS.exists() else 0
        print(f"screenshots: {shots} in {SCREENSHOTS.relative_to(ROOT)}")
        print(f"quizzes: {len(QUIZZES_GRADED)} graded one wrong answer and the rest right")
        print(f"browser: {passed} passed, {failed} failed")
        return 1 if failed or not passed else 0
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
