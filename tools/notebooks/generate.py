#!/usr/bin/env python3
"""Builds each chapter's Jupyter notebook (for the evcxr Rust kernel) from a
spec in tools/notebooks/specs/, pulling the code cells' Rust from the
chapter crates with the same {{#include FILE:ANCHOR}} lines the book uses,
so the notebooks cannot drift from the tested code.

    python3 tools/notebooks/generate.py          # write chapters/*/*.ipynb
    python3 tools/notebooks/generate.py --check  # fail if a notebook is out of date

A spec is a text file of cells. A line `%% markdown` or `%% code` starts a
cell; everything until the next such line is its source.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "tools" / "notebooks" / "specs"
INCLUDE = re.compile(r"^\{\{#include (?P<path>[^:}]+)(?::(?P<anchor>[A-Za-z_][\w-]*))?\}\}$")


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def include(path, anchor, spec):
    file = ROOT / path
    if not file.is_file():
        fail(f"{spec}: cannot include {path}: no such file")
    lines = file.read_text().splitlines()
    if anchor is None:
        return lines
    start = f"ANCHOR: {anchor}"
    end = f"ANCHOR_END: {anchor}"
    try:
        first = next(i for i, l in enumerate(lines) if l.strip().endswith(start))
        last = next(i for i, l in enumerate(lines) if l.strip().endswith(end))
    except StopIteration:
        fail(f"{spec}: no anchor `{anchor}` in {path}")
    return [l for l in lines[first + 1 : last] if "ANCHOR" not in l]


def cells_of(spec):
    cells, kind, source = [], None, []

    def flush():
        if kind is not None:
            text = "\n".join(source).strip("\n")
            cells.append((kind, text))

    for line in spec.read_text().splitlines():
        if line in ("%% markdown", "%% code"):
            flush()
            kind, source = line[3:], []
            continue
        m = INCLUDE.match(line.strip())
        if m and kind == "code":
            source.extend(include(m["path"], m["anchor"], spec.name))
        else:
            source.append(line)
    flush()
    return cells


def notebook(spec):
    cells = []
    for kind, text in cells_of(spec):
        cell = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
        if kind == "code":
            cell.update({"execution_count": None, "outputs": []})
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Rust", "language": "rust", "name": "rust"},
            "language_info": {"name": "rust", "file_extension": ".rs", "mimetype": "text/rust"},
            "generated_from": f"tools/notebooks/specs/{spec.name}",
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def target(spec):
    chapter = spec.stem
    folder = ROOT / "chapters" / chapter
    if not folder.is_dir():
        fail(f"{spec.name}: there is no chapter folder chapters/{chapter}")
    return folder / f"{chapter}.ipynb"


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] not in ([], ["--check"]):
        fail("usage: generate.py [--check]")
    stale = []
    for spec in sorted(SPECS.glob("*.txt")):
        text = json.dumps(notebook(spec), indent=1, ensure_ascii=False) + "\n"
        out = target(spec)
        if check:
            if not out.exists() or out.read_text() != text:
                stale.append(str(out.relative_to(ROOT)))
        else:
            out.write_text(text)
            print(f"wrote {out.relative_to(ROOT)}")
    if stale:
        fail("out of date (run python3 tools/notebooks/generate.py): " + ", ".join(stale))


if __name__ == "__main__":
    main()
