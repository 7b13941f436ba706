"""The assignments as nbgrader source notebooks, for teachers who grade on a JupyterHub.

nbgrader (https://nbgrader.readthedocs.io) works from a course directory: the teacher's
`source/<assignment>/<assignment>.ipynb` carries the answer key in marked solution regions and
cell metadata that says which cells are answers, which are autograded tests and how many
points each is worth; `nbgrader generate_assignment` removes the key for release,
`nbgrader autograde` runs a submission and scores its test cells.

From each assignment's MyST source (the one the book builds, so every key is tested there):

* the first code cell (imports, data) becomes a locked, read-only cell;
* each answer cell (`my_... = None`) with the gated solution's code cells after it becomes one
  `solution` cell: the stub, then the key between `### BEGIN SOLUTION` and `### END SOLUTION`;
* each check cell (`checks....`) becomes an autograded `tests` cell worth CHECK_POINTS: a
  submission scores it when the check ticks (a wrong answer raises, a missing one prints a
  reminder and scores nothing, see `nbgrader_config`);
* each written task (a prose `{solution}`) becomes a manually graded Markdown answer cell worth
  WRITTEN_POINTS, whose teacher's copy holds the model answer.

The checks hold no answer (giants.checks), so the tests cells give nothing away when released.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat

from giants.toc import ROOT

ASSIGNMENTS = ROOT / "book" / "assignments"
CHECK_POINTS = 2
WRITTEN_POINTS = 3

# A prose solution (`:::{solution} label` ... `:::`): the model answer of a written task.
_PROSE_SOLUTION = re.compile(r"^:::\{solution\} *(\S+)\n(?::[\w-]+:[^\n]*\n)*(.*?)^:::[ \t]*\n", re.M | re.S)
_ANSWER = re.compile(r"^my_\w+ = None", re.M)
_ANSWER_NAME = re.compile(r"^(my_\w+) = None", re.M)

#: Released answer cells keep the student's `None` stub and a comment, not nbgrader's default
#: `raise NotImplementedError()`: a blank notebook still runs top to bottom, its checks printing
#: "not answered yet" (and scoring nothing: an unanswered check cell must not earn its points).
NBGRADER_CONFIG = """\
# nbgrader configuration for the course directory written by `make grader`.
c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.root = "."
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
"""

#: Appended to each check cell: nbgrader scores a tests cell that raises no error, so a check
#: that merely prints "not answered yet" must fail the cell too.
UNANSWERED_FAILS = "\nassert not any(answer is None for answer in ({answers},)), 'not answered yet'"


def _meta(kind: str, grade_id: str, points: float = 0) -> dict:
    solution, grade, locked = {
        "solution": (True, False, False),
        "tests": (False, True, True),
        "written": (True, True, False),
        "locked": (False, False, True),
    }[kind]
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return meta


def nbgrader_notebook(path: Path, context=None) -> nbformat.NotebookNode:
    """The assignment at `path` as an nbgrader source notebook (answer key included)."""
    from giants.portable import Context, portable_markdown

    name = path.stem
    text = path.read_text(encoding="utf-8")
    written = {}

    def mark_written(match: re.Match) -> str:
        written[match.group(1)] = match.group(2).strip()
        return f'\n+++ {{"giants_written": "{match.group(1)}"}}\n\n{match.group(2).strip()}\n\n+++\n\n'

    source = jupytext.reads(_PROSE_SOLUTION.sub(mark_written, text), fmt="md:myst")
    context = context or Context.load(ROOT)
    context.cited = []
    cells, in_key, answer, counts = [], False, None, {"answer": 0, "check": 0, "written": 0}
    for cell in source.cells:
        if cell.cell_type == "markdown":
            if "{solution-start}" in cell.source:
                in_key = True
                continue
            if "{solution-end}" in cell.source:
                in_key = False
                continue
            if in_key:
                continue  # the key's explanation: the teacher's copy has it in the book
            label = cell.metadata.get("giants_written")
            if label:
                counts["written"] += 1
                cells.append(
                    nbformat.v4.new_markdown_cell(
                        cell.source,
                        metadata={
                            "nbgrader": _meta(
                                "written", f"{name}-written-{counts['written']}", WRITTEN_POINTS
                            )
                        },
                    )
                )
                continue
            markdown = portable_markdown(cell.source, context, f"book/assignments/{name}", set())
            cells.append(nbformat.v4.new_markdown_cell(markdown))
        elif in_key:
            if answer is None:
                raise ValueError(f"{path.name}: an answer key with no answer cell before it")
            answer.source += "\n### BEGIN SOLUTION\n" + cell.source.strip() + "\n### END SOLUTION"
        elif cell.source.lstrip().startswith("checks."):
            counts["check"] += 1
            if answer is None:
                raise ValueError(f"{path.name}: a check with no answer cell before it")
            stubs = ", ".join(_ANSWER_NAME.findall(answer.source))
            cells.append(
                nbformat.v4.new_code_cell(
                    cell.source.strip() + UNANSWERED_FAILS.format(answers=stubs),
                    metadata={"nbgrader": _meta("tests", f"{name}-check-{counts['check']}", CHECK_POINTS)},
                )
            )
            answer = None
        elif _ANSWER.search(cell.source):
            counts["answer"] += 1
            answer = nbformat.v4.new_code_cell(
                cell.source.strip(),
                metadata={"nbgrader": _meta("solution", f"{name}-answer-{counts['answer']}")},
            )
            cells.append(answer)
        else:
            cells.append(
                nbformat.v4.new_code_cell(
                    cell.source.strip(), metadata={"nbgrader": _meta("locked", f"{name}-setup-{len(cells)}")}
                )
            )
    if not counts["check"] or counts["answer"] != counts["check"]:
        raise ValueError(f"{path.name}: {counts['answer']} answer cells for {counts['check']} checks")
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def export(course: Path) -> list[Path]:
    """Write every assignment into the nbgrader course directory `course`; returns the notebooks."""
    from giants.portable import Context

    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
    context = Context.load(ROOT)
    written = []
    for path in sorted(ASSIGNMENTS.glob("*.md")):
        target = course / "source" / path.stem / f"{path.stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbgrader_notebook(path, context), target)
        written.append(target)
    return written
