#!/usr/bin/env python3
"""Executes every chapter notebook (chapters/*/*.ipynb) headless with the
real evcxr Jupyter kernel, and fails if any cell fails.

evcxr reports a panic inside a cell with status "ok" and the panic only on
stderr, so a cell also fails when its stderr says `panicked at`.

On a cold cache the first notebook runs alone, to fill evcxr's compile
cache; then two run at a time, each with its own kernel, in processes of their own
(NOTEBOOK_JOBS=1 runs them one by one): most of a notebook's time is a
kernel compiling cells on one core, or waiting on the chapter's timers.

    python3 tools/notebooks/run.py [NOTEBOOK...]
"""
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What evcxr says when its compiler exits without a diagnostic.
KERNEL_CRASH = "Compilation failed, but no parsable errors were found"


def run_one(path):
    """Runs one notebook; returns its name, its problems, the seconds it took
    and its number of code cells."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    name = path.relative_to(ROOT)
    started = time.monotonic()
    client = NotebookClient(
        nb,
        kernel_name="rust",
        timeout=900,  # the first cell compiles the dependencies
        startup_timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    )
    problems = []
    try:
        client.execute()
    except CellExecutionError as e:
        problems.append(str(e).splitlines()[-1] if str(e) else "a cell failed")
    except Exception as e:  # a kernel that died or never started
        problems.append(f"{type(e).__name__}: {e}")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            if out.get("output_type") == "error":
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("name") == "stderr" and "panicked at" in text:
                lines = [l for l in text.splitlines() if l.strip()]
                problems.append(f"cell {i} panicked: {' | '.join(lines[:3])}")
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    return name, problems, time.monotonic() - started, cells


def cache_is_warm():
    """Whether evcxr's compile cache already holds the dependencies (a
    tokio, async-std and smol build is a few hundred MB)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "evcxr"
    if not cache.is_dir():
        return False
    size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
    return size > 200 * 1024 * 1024


def main():
    try:
        import nbformat  # noqa: F401
        import nbclient  # noqa: F401
    except ImportError:
        print("error: nbclient is missing: pip install nbclient nbformat", file=sys.stderr)
        return 2
    jobs = os.environ.get("NOTEBOOK_JOBS", "2")
    if not jobs.isdigit() or not 1 <= int(jobs) <= 8:
        print(f"error: NOTEBOOK_JOBS must be a number from 1 to 8, not {jobs!r}", file=sys.stderr)
        return 2
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted(ROOT.glob("chapters/*/*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"error: no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not paths:
        print("error: no notebooks found under chapters/", file=sys.stderr)
        return 1
    passed = failed = 0
    # On a cold cache the first notebook runs alone: it fills evcxr's shared
    # compile cache (and cargo's index) that the kernels running side by
    # side then share, so two kernels do not compile the same crate at once.
    alone = 0 if cache_is_warm() else 1
    first = [run_one(p) for p in paths[:alone]]
    with ProcessPoolExecutor(max_workers=int(jobs)) as pool:
        for name, problems, took, cells in [*first, *pool.map(run_one, paths[alone:])]:
            if any(KERNEL_CRASH in p for p in problems):
                # The kernel's compiler died without saying why (seen once,
                # two kernels compiling at once on a cold cache): not the
                # notebook's fault, so it gets one more run, alone.
                print(f"again  {name}: the kernel's compiler failed without an error", flush=True)
                name, problems, took, cells = run_one(ROOT / name)
            if problems:
                failed += 1
                print(f"FAILED {name} ({took:.0f} s)", flush=True)
                for p in problems:
                    print(f"    {p}", flush=True)
            else:
                passed += 1
                print(f"ok     {name}: {cells} code cells in {took:.0f} s", flush=True)
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
