"""Lint and format the code cells of the MyST chapters with ruff, as ruff does the .py files.

Ruff reads .ipynb but not MyST Markdown, so each chapter is converted with jupytext into a
throwaway notebook (never beside the .md, where Sphinx would see a second document), ruff runs
on those notebooks with the repository's own configuration (pyproject.toml), and every finding
is reported against the chapter's line. With --fix, ruff's fixes and formatting are written back
into the chapter by replacing each changed cell's source in the Markdown text, so the rest of the
file (front matter, prose, cell options) is left byte for byte as it was.

    python scripts/lint_chapters.py [--fix] [book/x.md ...]   (default: every chapter under book/)

Exit status 1 when a cell has a finding or is not formatted (after --fix: when one remains).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
# ruff as installed beside this interpreter (the venv's), else on PATH.
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff") or "ruff"
NOTEBOOK = re.compile(r"([^\s:]+\.ipynb)")
CELL_LOCATION = re.compile(r"(?P<path>[^\s:]+\.ipynb):cell (?P<cell>\d+):(?P<line>\d+):(?P<col>\d+)")


def chapters(paths: list[str]) -> list[Path]:
    """The MyST notebooks among `paths` (default: all under book/): files with a jupytext header."""
    found = [Path(p).resolve() for p in paths] if paths else sorted((ROOT / "book").rglob("*.md"))
    return [p for p in found if p.suffix == ".md" and "jupytext:" in p.read_text(encoding="utf-8")[:400]]


def code_cell_lines(text: str) -> list[int]:
    """The 1-based line of the first source line of every code cell, in order."""
    lines = text.splitlines()
    starts = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("```{code-cell}"):
            body = number + 1
            # Cell options (":tags: [...]" lines or a "---" YAML block) come before the source.
            if body <= len(lines) and lines[body - 1] == "---":
                body = lines.index("---", body) + 2
            while body <= len(lines) and lines[body - 1].startswith(":"):
                body += 1
            if body <= len(lines) and lines[body - 1] == "":
                body += 1
            starts.append(body)
    return starts


def to_notebooks(paths: list[Path], folder: Path) -> dict[Path, Path]:
    """Write each chapter as `folder/<relative path>.ipynb`; map notebook → chapter."""
    made = {}
    for path in paths:
        notebook = folder / path.relative_to(ROOT).with_suffix(".ipynb")
        notebook.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(jupytext.read(path), notebook)
        made[notebook] = path
    return made


def ruff(*args: str) -> subprocess.CompletedProcess:
    # From the root: ruff then names files relative to it, as located() expects.
    return subprocess.run(
        [RUFF, *args, "--config", str(CONFIG)], cwd=ROOT, capture_output=True, text=True, check=False
    )


def write_back(notebook: Path, chapter: Path) -> None:
    """Put the (fixed, formatted) cell sources of `notebook` back into `chapter`'s text."""
    text = chapter.read_text(encoding="utf-8")
    before = [c.source for c in jupytext.read(chapter).cells if c.cell_type == "code"]
    after = [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    # Each cell's source is looked for after its own fence, never in the prose before it.
    fences = [m.start() for m in re.finditer(r"^```\{code-cell\}", text, flags=re.MULTILINE)]
    assert len(fences) == len(before), f"{chapter}: {len(fences)} fences for {len(before)} code cells"
    shift = 0
    for fence, old, new in zip(fences, before, after, strict=True):
        at = text.index(old, fence + shift)
        if old != new:
            text = text[:at] + new + text[at + len(old) :]
            shift += len(new) - len(old)
    chapter.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="apply ruff's safe fixes and formatting")
    parser.add_argument("paths", nargs="*", help="chapters (default: every MyST notebook under book/)")
    options = parser.parse_args(argv)
    # Inside the repository (under the ignored _build/), so pyproject.toml's per-file patterns apply.
    (ROOT / "_build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lint-chapters-", dir=ROOT / "_build") as tmp:
        made = to_notebooks(chapters(options.paths), Path(tmp))
        notebooks = [str(n) for n in made]
        if not notebooks:
            return 0
        if options.fix:
            ruff("check", "--fix", "--quiet", *notebooks)
            ruff("format", "--quiet", *notebooks)
            for notebook, chapter in made.items():
                write_back(notebook, chapter)
        lint = ruff("check", "--output-format", "concise", "--no-fix", *notebooks)
        style = ruff("format", "--check", *notebooks)
        starts = {n: code_cell_lines(c.read_text(encoding="utf-8")) for n, c in made.items()}

        def located(match: re.Match) -> str:
            notebook = (ROOT / match["path"]).resolve()
            chapter = made[notebook].relative_to(ROOT)
            # ruff counts every cell from 1 (markdown too) but reports only code cells; find the code cell.
            cells = nbformat.read(notebook, as_version=4).cells
            index = int(match["cell"]) - 1
            code_index = sum(1 for c in cells[:index] if c.cell_type == "code")
            line = starts[notebook][code_index] + int(match["line"]) - 1
            return f"{chapter}:{line}:{match['col']}"

        failed = False
        for line in lint.stdout.splitlines():
            if CELL_LOCATION.search(line):
                print(CELL_LOCATION.sub(located, line))
                failed = True
        # ruff names each unformatted notebook (its report's layout changes between versions).
        for notebook in sorted({(ROOT / p).resolve() for p in NOTEBOOK.findall(style.stdout + style.stderr)}):
            if notebook in made:
                print(
                    f"{made[notebook].relative_to(ROOT)}: code cells not formatted (fix: {Path(__file__).name} --fix)"
                )
                failed = True
        if lint.returncode not in (0, 1) or style.returncode not in (0, 1):
            print(lint.stderr + style.stderr, file=sys.stderr)
            return 2
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
