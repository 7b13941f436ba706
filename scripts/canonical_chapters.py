"""Check, and with --fix write, the chapters in jupytext's canonical form.

    python scripts/canonical_chapters.py [--fix] [book/the-sea.md ...]

The canonical form is what JupyterLab's jupytext writes when a reader opens a chapter and saves
it (the project's jupytext.toml; checked outputs as quoted YAML strings): a chapter in that form
comes back from a round trip through JupyterLab unchanged, so opening a chapter never makes a
git change. scripts/refresh_outputs.py writes chapters in the same form. With no file named,
every chapter that is a notebook is checked. A rewrite that would change any cell's source or
metadata is refused: only the layout may change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from refresh_outputs import canonical  # noqa: E402


def chapters() -> list[Path]:
    book = ROOT / "book"
    return sorted(
        p
        for p in [*book.glob("*.md"), *book.glob("assignments/*.md")]
        if "kernelspec:" in p.read_text(encoding="utf-8")[:500]
    )


def cells(notebook) -> list:
    return [(cell.cell_type, cell.source, cell.metadata) for cell in notebook.cells]


def main(argv: list[str]) -> int:
    fix = "--fix" in argv
    named = [Path(a).resolve() for a in argv if not a.startswith("--")]
    paths = [p for p in chapters() if not named or p in named]
    off = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        notebook = jupytext.reads(text, fmt="md:myst")
        written = canonical(notebook, path)
        if written == text:
            continue
        if cells(jupytext.reads(written, fmt="md:myst")) != cells(notebook):
            print(f"{path.relative_to(ROOT)}: jupytext would change a cell; fix it by hand", file=sys.stderr)
            return 2
        off.append(path)
        if fix:
            path.write_text(written, encoding="utf-8")
    for path in off:
        print(f"{path.relative_to(ROOT)}: {'rewritten in' if fix else 'not in'} jupytext's canonical form")
    if off and not fix:
        print("Run: python scripts/canonical_chapters.py --fix", file=sys.stderr)
    return 1 if off and not fix else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
