"""Graded the way teachers grade: the assignments exported for nbgrader, and nbgrader's own
steps (generate_assignment, autograde, export) run on a correct and a wrong submission.

The export needs only the book's packages; the nbgrader run needs requirements-grader.txt
(installed by `make grader` and `make test`, whose run does not skip it)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from giants import grader
from giants.toc import ROOT

ASSIGNMENT = "test-a-claim"
KEY = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def test_every_assignment_exports_with_answers_tests_and_points(tmp_path):
    written = grader.export(tmp_path)
    assert {path.parent.name for path in written} == {p.stem for p in grader.ASSIGNMENTS.glob("*.md")}
    for path in written:
        nb = nbformat.read(path, 4)
        roles = [cell.metadata.get("nbgrader", {}) for cell in nb.cells]
        answers = [
            cell for cell, role in zip(nb.cells, roles) if role.get("solution") and cell.cell_type == "code"
        ]
        tests = [
            cell for cell, role in zip(nb.cells, roles) if role.get("grade") and cell.cell_type == "code"
        ]
        assert answers and len(answers) == len(tests), path.name
        assert all(KEY.search(cell.source) for cell in answers), (
            f"{path.name}: an answer cell without its key"
        )
        assert all(
            cell.source.startswith("checks.") and role["points"] > 0 and role["locked"]
            for cell, role in zip(nb.cells, roles)
            if cell in tests
        )
        written_answers = [
            cell
            for cell, role in zip(nb.cells, roles)
            if role.get("solution") and role.get("grade") and cell.cell_type == "markdown"
        ]
        assert written_answers, f"{path.name}: the written task is not a manually graded answer"
        assert len({role["grade_id"] for role in roles if role}) == sum(1 for role in roles if role)
        text = "\n".join(cell.source for cell in nb.cells)
        assert "{solution" not in text and "expected_output" not in text and "{footcite" not in text
    assert (tmp_path / "nbgrader_config.py").exists()


@pytest.fixture(scope="module")
def nbgrader_bin():
    if importlib_missing("nbgrader"):
        if os.environ.get("GIANTS_FULL_TEST"):
            pytest.fail("make test installs requirements-grader.txt: nbgrader is missing")
        pytest.skip("nbgrader is not installed (make grader installs requirements-grader.txt)")
    return Path(sys.executable).parent


def importlib_missing(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is None


def nbgrader(course: Path, bin_dir: Path, *args: str) -> subprocess.CompletedProcess:
    # nbgrader runs its database migrations with the `alembic` command next to the interpreter.
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result


WRONG = {
    # The review's wrong answers that used to pass: single-flow years kept, any verdict.
    "my_totals = None": "my_totals = (trade[trade['reporter'] == 'Vietnam customs'][lambda t: t['months'] == 12]\n"
    "             .groupby(['year', 'partner'])['usd_bn'].sum().unstack())",
    "my_verdict = None": "my_verdict = 'contradicted'\nmy_reasons = 'Bananas. Are yellow.'",
}


def submit(release: Path, target: Path, answers) -> None:
    """A student's copy of the released notebook with `answers(stub)` written under each stub."""
    nb = nbformat.read(release, 4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            stub = cell.source.splitlines()[0]
            cell.source = cell.source.replace("# YOUR CODE HERE", answers(stub))
        elif cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "China leads in every year I computed."
    target.parent.mkdir(parents=True)
    nbformat.write(nb, target)


def test_nbgrader_scores_a_correct_and_a_wrong_submission(tmp_path, nbgrader_bin):
    course = tmp_path / "course"
    grader.export(course)
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    keys = {
        cell.source.splitlines()[0]: KEY.search(cell.source).group(1)
        for cell in source.cells
        if cell.cell_type == "code" and KEY.search(cell.source)
    }
    assert set(keys) == set(WRONG)

    nbgrader(course, nbgrader_bin, "generate_assignment", ASSIGNMENT, "--force")
    release = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    released = release.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in released
    assert not any(
        line.strip() in released
        for key in keys.values()
        for line in key.splitlines()
        if len(line.strip()) > 20
    ), "the released notebook carries the answer key"

    submit(release, course / "submitted" / "right" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", keys.get)
    submit(release, course / "submitted" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", WRONG.get)
    shutil.copy(
        release,
        (course / "submitted" / "blank" / ASSIGNMENT).mkdir(parents=True)
        or course / "submitted" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
    )
    nbgrader(course, nbgrader_bin, "autograde", ASSIGNMENT, "--create", "--force")
    nbgrader(course, nbgrader_bin, "export", "--to", str(course / "grades.csv"))

    with (course / "grades.csv").open(encoding="utf-8") as grades:
        scores = {row["student_id"]: row for row in csv.DictReader(grades)}
    autograded = 2 * grader.CHECK_POINTS
    assert float(scores["right"]["max_score"]) == autograded + grader.WRITTEN_POINTS
    assert float(scores["right"]["score"]) == autograded, "the answer key does not score full marks"
    assert float(scores["wrong"]["score"]) == 0, "a wrong submission scored points"
    assert float(scores["blank"]["score"]) == 0, "an unanswered notebook scored points"
    # The hint a wrong answer gets reaches the feedback: the student learns what to fix.
    graded = (course / "autograded" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(
        encoding="utf-8"
    )
    assert "only one flow" in graded
