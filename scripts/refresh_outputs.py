"""Show, and with --write update, the checked outputs of a chapter.

    .venv/bin/python scripts/refresh_outputs.py book/two-visits.md           # show differences
    .venv/bin/python scripts/refresh_outputs.py book/two-visits.md --write   # write them in

A checked cell carries its reviewed output in `expected_output` (see conftest.py). When data
or code change on purpose, run this, read every difference, and only then write: the tests
exist so that a changed number is a decision, not an accident. Review `git diff` afterwards.
"""

import contextlib
import difflib
import io
import os
import re
import sys
from pathlib import Path

import jupytext

CELL = re.compile(r"```\{code-cell\}[^\n]*\n(?:---\n(?P<yaml>.*?)\n---\n|(?P<short>(?::[^\n]*\n)+))", re.S)


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


def as_yaml(text: str) -> str:
    lines = text.rstrip("\n").split("\n")
    # A first line that starts with a space needs YAML's explicit indentation indicator ("|2").
    indicator = "|2" if lines and lines[0].startswith(" ") else "|"
    return f"expected_output: {indicator}\n" + "".join(f"  {line}\n" if line else "\n" for line in lines)


def write(path: Path, outputs: list[str]) -> None:
    text, done, pieces, last = path.read_text(encoding="utf-8"), 0, [], 0
    for match in CELL.finditer(text):
        options = match.group("yaml") or match.group("short") or ""
        if "expected_output" not in options:
            continue
        kept = [
            line
            for line in re.split(r"\n(?=\S)", options.strip("\n"))
            if not line.lstrip(":").startswith("expected_output")
        ]
        kept = [line.lstrip(":").replace(": ", ": ", 1) for line in kept]
        header = match.group(0).split("\n", 1)[0]
        block = "\n".join([*kept, as_yaml(outputs[done]).rstrip("\n")])
        pieces += [text[last : match.start()], f"{header}\n---\n{block}\n---\n"]
        last, done = match.end(), done + 1
    path.write_text("".join(pieces) + text[last:], encoding="utf-8")


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
