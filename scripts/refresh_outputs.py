"""Show, and with --write update, the checked outputs of a chapter.

    .venv/bin/python scripts/refresh_outputs.py book/two-visits.md           # show differences
    .venv/bin/python scripts/refresh_outputs.py book/two-visits.md --write   # write them in

A checked cell carries its reviewed output in `expected_output` (see conftest.py). When data
or code change on purpose, run this, read every difference, and only then write: the tests
exist so that a changed number is a decision, not an accident. Review `git diff` afterwards.
The chapter is written back in jupytext's canonical form (what JupyterLab would save).
"""

import contextlib
import difflib
import io
import os
import sys
from pathlib import Path

import jupytext
from jupytext.config import load_jupytext_config


def actual_outputs(path: Path) -> list[tuple[str, str]]:
    """(expected, actual) stdout of every checked cell, running the chapter top to bottom."""
    notebook = jupytext.read(path)
    namespace, pairs = {"__name__": "__main__"}, []
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(cell.source, str(path), "exec"), namespace)
            if "expected_output" in cell.metadata:
                pairs.append((cell.metadata["expected_output"], printed.getvalue()))
    finally:
        os.chdir(here)
    return pairs


def canonical(notebook, path: Path) -> str:
    """The chapter as jupytext writes it with the project's config (jupytext.toml): the form
    JupyterLab saves, so opening and saving a chapter there changes nothing (checked outputs
    included, which jupytext writes as quoted YAML strings)."""
    return jupytext.writes(notebook, fmt="md:myst", config=load_jupytext_config(str(path)))


def write(path: Path, outputs: list[str]) -> None:
    notebook = jupytext.read(path)
    checked = [
        cell for cell in notebook.cells if cell.cell_type == "code" and "expected_output" in cell.metadata
    ]
    for cell, output in zip(checked, outputs, strict=True):
        cell.metadata["expected_output"] = output
    path.write_text(canonical(notebook, path), encoding="utf-8")


def main() -> int:
    path, write_back = Path(sys.argv[1]).resolve(), "--write" in sys.argv[2:]
    pairs = actual_outputs(path)
    changed = [(e, a) for e, a in pairs if e != a]
    for expected, actual in changed:
        sys.stdout.writelines(
            difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual")
        )
        print()
    print(f"{path.name}: {len(pairs)} checked cells, {len(changed)} differ")
    if write_back and changed:
        write(path, [actual for _, actual in pairs])
        print("written; review with git diff")
    return 1 if changed and not write_back else 0


if __name__ == "__main__":
    sys.exit(main())
