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
    stripped = _GATED.sub("", _SOLUTION.sub("", text))
    if "{solution" in stripped:
        raise ValueError(
            "a solution block is not in the form strip_solutions knows "
            "(':::{solution}' … ':::' or a gated solution-start/solution-end pair)"
        )
    return re.sub(r"\n{3,}", "\n\n", stripped)


SETUP = """\
# Setup: the book's helper package (giants) and data. When this notebook runs inside the
# book's repository (make lab, Binder, a JupyterHub) there is nothing to do. Opened alone,
# for example in Colab, it fetches the repository next to itself first.
import importlib.util, os, subprocess, sys

REPOSITORY, BRANCH = "{repository}", "{branch}"
if importlib.util.find_spec("giants") is None:
    if not os.path.isdir("book-src"):
        print(f"Fetching the book's code and data from {{REPOSITORY}} ({{BRANCH}}) ...")
        try:
            subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", BRANCH, REPOSITORY, "book-src"],
                           check=True)
        except (OSError, subprocess.CalledProcessError) as error:
            raise SystemExit(
                f"Could not fetch {{REPOSITORY}} ({{error}}). Download the repository as a zip from that address, "
                "unzip it as a folder named book-src next to this notebook and run this cell again, "
                "or run the book on your own machine with `make lab`.") from None
    sys.path.insert(0, os.path.abspath("book-src"))
    print("Ready: using the book's code and data in ./book-src")
"""

#: The setup cell when the book's repository has no public address yet (repository.url is
#: empty in _config.yml): nothing to fetch from, so it says where the notebook can run.
SETUP_WITHOUT_REPOSITORY = """\
# Setup: this notebook needs the book's helper package (giants) and its data, which come with
# the book's source folder and its offline bundle. Run it from there (`make lab`).
import importlib.util

if importlib.util.find_spec("giants") is None:
    raise SystemExit("This notebook needs the book's helper package `giants` and its data: open it from "
                     "the book's folder (run `make lab` there), not on its own.")
"""


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
    code = SETUP.format(repository=repository, branch=branch) if repository else SETUP_WITHOUT_REPOSITORY
    nb.cells.insert(0, nbformat.v4.new_code_cell(code, metadata={"tags": ["setup"]}))
    nb.metadata.pop("jupytext", None)
    return nb


_EXERCISE = re.compile(r"^:::\{exercise\}[^\n]*\n:label: *(\S+)", re.M)
_SOLVED = re.compile(r"^(?::::\{solution\}|```\{solution-start\}) *(\S+)", re.M)


def exercises(md_text: str) -> dict[str, bool]:
    """Each exercise label in a chapter, and whether a solution for it follows."""
    solved = set(_SOLVED.findall(md_text))
    return {label: label in solved for label in _EXERCISE.findall(md_text)}
