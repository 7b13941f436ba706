"""Students never meet the answers: every student artefact (the HTML pages, their _sources
downloads, the generated notebooks, the search index and the student bundle) is searched for
the answer values (the ticks a right answer prints, the measured areas, each answer key's code)
and for solution text; the student edition's launch buttons open student files only."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from giants import classroom
from giants.toc import ROOT, toc_files

STUDENT_HTML = ROOT / "_build" / "student" / "html"
STUDENT_BUNDLE = ROOT / "_build" / "vietnam-between-the-giants-student.zip"
ASSIGNMENTS = sorted((ROOT / "book" / "assignments").glob("*.md"))
TEXT_SUFFIXES = {".html", ".md", ".ipynb", ".js", ".txt", ".json"}

sys.path.insert(0, str(ROOT / "scripts"))
import build  # noqa: E402  (scripts/build.py)


def normal(text: str) -> str:
    return " ".join(text.split())


def readable(name: str, raw: bytes) -> str:
    """What a student can read in one artefact: a page's text, a notebook's cells, a file's text."""
    text = raw.decode("utf-8", errors="replace")
    if name.endswith(".html"):
        return normal(BeautifulSoup(text, "html.parser").get_text()) + "\n" + text
    if name.endswith(".ipynb"):
        nb = nbformat.reads(text, 4)
        parts = [cell.source for cell in nb.cells]
        parts += [json.dumps(cell.get("metadata", {}), ensure_ascii=False) for cell in nb.cells]
        parts += [
            output.get("text", "") or json.dumps(output.get("data", {}), ensure_ascii=False)
            for cell in nb.cells
            for output in cell.get("outputs", [])
        ]
        return "\n".join(parts) + "\n" + normal("\n".join(parts))
    return text + "\n" + normal(text)


def answer_values() -> dict[str, str]:
    """Each value that gives an answer away, named by where it comes from in the teacher's book."""
    needles = {}
    for path in toc_files():
        text = path.read_text(encoding="utf-8")
        teacher = jupytext.reads(text, fmt="md:myst")
        student_cells = {
            cell.source for cell in jupytext.reads(classroom.strip_solutions(text), fmt="md:myst").cells
        }
        for cell in teacher.cells:
            # Every answer-key cell's source (code cells only the teacher's copy has).
            if (
                cell.cell_type == "code"
                and cell.source not in student_cells
                and len(normal(cell.source)) > 30
            ):
                needles[f"{path.stem}: answer key {normal(cell.source)[:50]!r}"] = normal(cell.source)
            # Every tick a right answer prints, whole or line by line.
            expected = cell.metadata.get("expected_output", "")
            for line in expected.splitlines():
                if "✓" in line:
                    needles[f"{path.stem}: tick {line.strip()!r}"] = normal(line)
        removed = set(text.splitlines()) - set(classroom.strip_solutions(text).splitlines())
        for line in removed:
            if len(line.strip()) > 40 and not line.lstrip().startswith(("```", ":::", ":", "#")):
                needles[f"{path.stem}: solution text {line.strip()[:50]!r}"] = normal(
                    re.sub(r"[`*{}]", "", line)
                )
    # A line a solution shares with a page students keep (the chapter's own chart code that an
    # assignment asks them to adapt) gives nothing away.
    kept = normal("\n".join(classroom.student_text(path.read_text(encoding="utf-8")) for path in toc_files()))
    needles = {name: needle for name, needle in needles.items() if needle not in kept}
    # The measured area of the what-if zone (Task 4 of measure-the-sea), as the tick prints it.
    area = re.search(
        r"\(([\d,]+) km²\)", (ROOT / "book/assignments/measure-the-sea.md").read_text(encoding="utf-8")
    )
    if area:
        needles["measure-the-sea: the area"] = area.group(1)
        needles["measure-the-sea: the area, unformatted"] = area.group(1).replace(",", "")
    return needles


def test_the_answer_values_are_found_where_they_are(built_book):
    """The search can fail: the teacher's edition holds the answers it looks for."""
    needles = answer_values()
    assert (
        sum("answer key" in name for name in needles) >= 10 and sum("tick" in name for name in needles) >= 9
    )
    teacher = "\n".join(
        readable(p.name, p.read_bytes()) for p in (built_book / "_sources" / "book" / "assignments").glob("*")
    )
    assert [name for name, needle in needles.items() if "tick" in name and needle in teacher], (
        "the search finds no tick in the teacher's own downloads"
    )
    assert needles["measure-the-sea: the area"] in teacher


@pytest.fixture(scope="session")
def student_artefacts(built_book) -> dict[str, bytes]:
    for command in (["build.py", "--student"], ["bundle.py", "--student"]):
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / command[0]), *command[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            pytest.fail(
                f"{' '.join(command)} failed:\n" + "\n".join(result.stdout.splitlines()[-40:]) + result.stderr
            )
    artefacts = {
        f"html/{p.relative_to(STUDENT_HTML)}": p.read_bytes()
        for p in STUDENT_HTML.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES
    }
    with zipfile.ZipFile(STUDENT_BUNDLE) as bundle:
        artefacts |= {
            f"bundle/{name}": bundle.read(name)
            for name in bundle.namelist()
            if Path(name).suffix in TEXT_SUFFIXES
        }
    return artefacts


def test_no_student_artefact_holds_an_answer(student_artefacts):
    kinds = {name.split("/")[1] if name.startswith("html/") else "bundle" for name in student_artefacts}
    assert {"_sources", "notebooks", "searchindex.js", "book", "bundle"} <= kinds, kinds
    needles = answer_values()
    leaks = {}
    for name, raw in student_artefacts.items():
        text = readable(name, raw)
        found = [what for what, needle in needles.items() if needle in text]
        if "expected_output" in text and name.endswith((".md", ".ipynb")):
            found.append("a checked output (expected_output)")
        if "solution dropdown" in text or "{solution" in text:
            found.append("a solution block")
        if found:
            leaks[name] = found[:3]
    assert not leaks, f"answers in {len(leaks)} student file(s): {dict(list(leaks.items())[:8])}"


# --- the student edition's own files ----------------------------------------------------------


def test_student_copies_drop_checked_outputs_and_keep_other_options():
    text = (
        "```{code-cell} ipython3\n---\ntags: [hide-input]\nexpected_output: |\n  ✓ Task 1: looks right. (42 km²)\n"
        '---\nchecks.x(my)\n```\n\n```{code-cell} ipython3\n:expected_output: "7\\n"\nprint(7)\n```\n'
        "\n```{code-cell} ipython3\n---\nexpected_output: |\n  3\n---\nprint(3)\n```\n"
    )
    student = classroom.drop_checked_outputs(text)
    assert "42 km²" not in student and "expected_output" not in student
    cells = jupytext.reads(student, fmt="md:myst").cells
    assert [cell.source for cell in cells if cell.cell_type == "code"] == [
        "checks.x(my)",
        "print(7)",
        "print(3)",
    ]
    assert cells[0].metadata == {"tags": ["hide-input"]} and cells[1].metadata == {} == cells[-1].metadata
    for path in toc_files():
        assert "expected_output" not in classroom.student_text(path.read_text(encoding="utf-8")), path.name


def test_student_lab_copies_the_stripped_pages_and_keeps_a_students_work(tmp_path):
    added = build.student_lab(tmp_path)
    assert {p.relative_to(tmp_path) for p in added} >= {p.relative_to(ROOT) for p in toc_files()}
    work = tmp_path / "book" / "assignments" / "test-a-claim.md"
    assert "solution" not in work.read_text(encoding="utf-8") and "looks right" not in work.read_text(
        encoding="utf-8"
    )
    work.write_text("my own work", encoding="utf-8")
    assert build.student_lab(tmp_path) == [] and work.read_text(encoding="utf-8") == "my own work"


def test_student_tree_is_the_repository_without_answers_or_tests(tmp_path):
    tree = build.student_tree(tmp_path / "student")
    assert (tree / "giants" / "checks.py").exists() and (tree / "requirements.txt").exists()
    assert not (tree / "tests").exists() and not (tree / "conftest.py").exists()
    for path in toc_files():
        text = (tree / path.relative_to(ROOT)).read_text(encoding="utf-8")
        assert "{solution" not in text and "expected_output" not in text, path.name
    config = yaml.safe_load((tree / "_config.yml").read_text(encoding="utf-8"))
    assert config["repository"]["branch"] == config_branches()[0]


def config_branches():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["student_edition"]["branch"], config["student_edition"]["pages_branch"]


def test_student_config_points_launch_buttons_at_student_branches():
    teacher = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    student = yaml.safe_load(build.student_config())
    branch, pages = config_branches()
    assert student["repository"]["branch"] == branch != teacher["repository"]["branch"]
    assert (
        student["sphinx"]["config"]["giants_pages_branch"]
        == pages
        != teacher["sphinx"]["config"]["giants_pages_branch"]
    )
    assert student["sphinx"]["config"]["hide_solutions"] is True and "student_edition" not in student
    # As shipped no hub is set: no JupyterHub button until a real address replaces the empty one.
    assert not teacher["launch_buttons"]["jupyterhub_url"]


def test_student_launch_buttons_open_student_files(tmp_path):
    """A published student edition: Binder and the setup cell fetch the student branch, Colab
    opens the student site's notebook, and a placeholder hub shows no button."""
    student = yaml.safe_load(build.student_config())
    branch, pages = student["repository"]["branch"], student["sphinx"]["config"]["giants_pages_branch"]
    from book_tools import build_small_book, myst_chapter

    # The later `sphinx:` key replaces build_small_book's own (YAML keeps the last of a key).
    static = ROOT / "book" / "_static"
    config = (
        f"repository: {{url: 'https://github.com/vietnam-books/giants', branch: {branch}}}\n"
        "launch_buttons: {notebook_interface: jupyterlab, binderhub_url: 'https://mybinder.org', "
        "jupyterhub_url: '', colab_url: 'https://colab.research.google.com'}\n"
        "sphinx:\n  extra_extensions: [giants.sphinx]\n"
        f"  config: {{giants_static_dir: '{static}', giants_pages_branch: {pages}}}\n"
    )
    result = build_small_book(tmp_path, myst_chapter("A chapter", "print(2 + 2)"), config, execute="off")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    page = (tmp_path / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")
    assert f"https://mybinder.org/v2/gh/vietnam-books/giants/{branch}" in page
    assert (
        f"colab.research.google.com/github/vietnam-books/giants/blob/{pages}/notebooks/chapter.ipynb" in page
    )
    assert "/main?" not in page and "blob/gh-pages/" not in page and "/hub/user-redirect/" not in page
    nb = nbformat.read(tmp_path / "_build" / "html" / "notebooks" / "chapter.ipynb", 4)
    assert f'"{branch}"' in nb.cells[0].source
