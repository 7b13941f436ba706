"""The classroom edition: solutions stripped for students, and notebooks that run anywhere.

Chapters and assignments keep their solutions next to the exercises, as sphinx-exercise
blocks (`:::{solution}` or the gated `{solution-start}` … `{solution-end}` pair, whose code
cells run at build time, so every answer key is tested). The student edition is the same
text with those blocks removed; `strip_solutions` is the one place that does it, for the
student build, the student notebooks and the tests that prove nothing leaks.
"""

from __future__ import annotations

import re

import jupytext
import nbformat

# A solution is a colon fence of exactly three colons (solutions never nest another fence of
# three colons), or everything from a gated solution's start to its end directive.
_SOLUTION = re.compile(r"^:::\{solution\}.*?^:::[ \t]*\n", re.M | re.S)
_GATED = re.compile(r"^```\{solution-start\}.*?^```\{solution-end\}[^\n]*\n```[ \t]*\n", re.M | re.S)


def strip_solutions(text: str) -> str:
    """The MyST text without any solution block; refuses text it cannot strip cleanly."""
    # Each removed block leaves a mark, and only the blank lines around a mark are closed up:
    # a code cell's own blank lines (two after a function, as ruff formats it) stay as written,
    # so a student's cells are the teacher's, byte for byte (build.seed_student_cache).
    mark = "\x00"
    stripped = _GATED.sub(mark, _SOLUTION.sub(mark, text))
    if "{solution" in stripped:
        raise ValueError(
            "a solution block is not in the form strip_solutions knows "
            "(':::{solution}' … ':::' or a gated solution-start/solution-end pair)"
        )
    return re.sub(r"\n*(?:\x00\n*)+", "\n\n", stripped)


# A code cell's YAML header (```{code-cell} then --- ... ---), and the short option form.
_CELL_HEADER = re.compile(r"^(```\{code-cell\}[^\n]*\n)---\n(.*?)^---[ \t]*\n", re.M | re.S)
_SHORT_EXPECTED = re.compile(r"^(```\{code-cell\}[^\n]*\n(?::[\w-]+:.*\n)*):expected_output:.*\n", re.M)


def drop_checked_outputs(text: str) -> str:
    """The MyST text without any cell's `expected_output`.

    A checked output is what a cell prints when it is answered right (an assignment's tick,
    a measured area, a verdict): in a student's copy it would be the answer, so the student
    edition's sources, notebooks and downloads carry none. Other cell options stay.
    """
    import yaml

    def header(match: re.Match) -> str:
        options = yaml.safe_load(match.group(2)) or {}
        if not isinstance(options, dict) or "expected_output" not in options:
            return match.group(0)
        options.pop("expected_output")
        if not options:
            return match.group(1)
        return f"{match.group(1)}---\n{yaml.safe_dump(options, allow_unicode=True, sort_keys=False)}---\n"

    while _SHORT_EXPECTED.search(text):
        text = _SHORT_EXPECTED.sub(r"\1", text)
    return _CELL_HEADER.sub(header, text)


def student_text(text: str) -> str:
    """A page as students get it: no solutions and no checked outputs."""
    return drop_checked_outputs(strip_solutions(text))


def notebook(
    md_text: str, *, repository: str, branch: str, student: bool, context=None, docname: str = ""
) -> nbformat.NotebookNode:
    """A chapter or assignment as an .ipynb for hubs and Colab, setup cell first.

    With a `context` (giants.portable.Context), markdown cells are rewritten as plain Markdown
    (citations as "(Author, year)", glossary terms and chapter links as text, boxes as quote
    blocks), so that any notebook viewer shows them as the book does in words.
    """
    from giants.portable import portable_markdown

    text = strip_solutions(md_text) if student else md_text
    nb = jupytext.reads(text, fmt="md:myst")
    if context is not None:
        context.cited = []
        figures_above: set[str] = set()
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = portable_markdown(cell.source, context, docname, figures_above)
                figures_above |= set(re.findall(r"^:name: *(\S+)", cell.source, re.M))
    from giants import standalone  # the setup cell: finds giants and data, installs on Colab

    code = standalone.code(repository, branch)
    nb.cells.insert(0, nbformat.v4.new_code_cell(code, metadata={"tags": ["setup"]}))
    nb.metadata.pop("jupytext", None)
    return nb


_EXERCISE = re.compile(r"^:::\{exercise\}[^\n]*\n:label: *(\S+)", re.M)
_SOLVED = re.compile(r"^(?::::\{solution\}|```\{solution-start\}) *(\S+)", re.M)


def exercises(md_text: str) -> dict[str, bool]:
    """Each exercise label in a chapter, and whether a solution for it follows."""
    solved = set(_SOLVED.findall(md_text))
    return {label: label in solved for label in _EXERCISE.findall(md_text)}
