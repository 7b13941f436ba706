"""The classroom edition: exercises everywhere, solutions that never reach students, assignments
whose checks can fail, launch buttons and downloads. (The offline bundle is opened from disk
in test_browser.py, which owns the browser.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from book_tools import myst_chapter
from bs4 import BeautifulSoup

from giants import checks, classroom, maps
from giants.toc import ROOT, toc_files

ASSIGNMENTS = sorted((ROOT / "book" / "assignments").glob("*.md"))
STUDENT_HTML = ROOT / "_build" / "student" / "html"


def solution_lines(md_text: str) -> set[str]:
    """Long lines that appear in a page's solutions and nowhere else in it."""
    stripped = classroom.strip_solutions(md_text)
    removed = set(md_text.splitlines()) - set(stripped.splitlines())
    return {
        line.strip()
        for line in removed
        if len(line.strip()) > 40 and not line.lstrip().startswith(("```", ":::", ":", "#"))
    }


def page_text(path: Path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())


@pytest.fixture(scope="session")
def student_book(built_book) -> Path:
    # After the teacher's build, whose outputs the student edition reuses.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--student"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail("the student build failed:\n" + "\n".join(result.stdout.splitlines()[-40:]))
    return STUDENT_HTML


# --- exercises and solutions in the sources ---------------------------------------------------


@pytest.mark.parametrize(
    "path", [p for p in toc_files() if p.stem not in ("instructor-guide", "glossary")], ids=lambda p: p.stem
)
def test_every_chapter_has_exercises_and_every_exercise_a_solution(path):
    found = classroom.exercises(path.read_text(encoding="utf-8"))
    assert found, f"{path.name} has no {{exercise}} blocks"
    unsolved = [label for label, solved in found.items() if not solved]
    assert not unsolved, f"{path.name}: exercises without a solution: {unsolved}"


def test_stripping_removes_every_solution_and_keeps_every_exercise():
    for path in toc_files():
        text = path.read_text(encoding="utf-8")
        stripped = classroom.strip_solutions(text)
        assert "{solution" not in stripped
        assert classroom.exercises(stripped).keys() == classroom.exercises(text).keys()
        assert not any(line in stripped for line in solution_lines(text))


def test_a_solution_in_an_unknown_form_is_refused_not_leaked():
    with pytest.raises(ValueError, match="not in the form"):
        classroom.strip_solutions("::::{solution} x\nsecret\n::::\n")


# --- the student edition ----------------------------------------------------------------------


def test_student_edition_shows_exercises_but_no_solution_text(student_book):
    leaks = {}
    for path in toc_files():
        page = student_book / path.relative_to(ROOT).with_suffix(".html")
        html = page.read_text(encoding="utf-8")
        text = page_text(page)
        if path.stem not in ("instructor-guide", "glossary"):
            assert 'class="exercise admonition"' in html, f"{page.name}: exercises missing"
        assert "solution dropdown" not in html
        found = [
            line
            for line in solution_lines(path.read_text(encoding="utf-8"))
            if " ".join(re.sub(r"[`*{}]", "", line).split()) in text
        ]
        if found:
            leaks[page.name] = found[:2]
    assert not leaks, f"solution text in the student edition: {leaks}"


def test_student_notebooks_have_no_solutions_and_start_with_setup(student_book):
    for path in toc_files():
        nb = nbformat.read(student_book / "notebooks" / path.relative_to(ROOT).with_suffix(".ipynb"), 4)
        assert "setup" in nb.cells[0].metadata.get("tags", [])
        source = "\n".join(cell.source for cell in nb.cells)
        assert "{solution" not in source
        assert not any(line in source for line in solution_lines(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=lambda p: p.stem)
def test_a_students_blank_assignment_runs_and_says_what_is_left(student_book, path):
    """The student build ran the blank assignment top to bottom (a cell error fails it); every
    check it printed says 'not answered yet' and none ticks."""
    page = BeautifulSoup(
        (student_book / path.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8"),
        "html.parser",
    )
    printed = "\n".join(output.get_text() for output in page.select(".cell_output"))
    assert "not answered yet" in printed and "✓" not in printed


def test_the_student_edition_runs_only_what_the_teachers_run_cannot_give_it(student_book):
    """One execution feeds every edition: the student build executes a notebook only where its
    solutions sit between cells students keep (the assignments); the rest come from the cache."""
    log = (ROOT / "_build" / "student" / "build.log").read_text(encoding="utf-8", errors="replace")
    executed = set(
        re.findall(r"src/(book/[\w/-]+\.md): Executing notebook", re.sub(r"\x1b\[[0-9;]*m", "", log))
    )
    assignments = {path.relative_to(ROOT).as_posix() for path in ASSIGNMENTS}
    assert executed <= assignments, (
        f"the student build re-ran chapters the teacher's build had run: {executed - assignments}"
    )


# --- the self-checks can fail, with a useful message -----------------------------------------


def test_checks_remind_about_unanswered_tasks(capsys):
    checks.chosen_features(None)
    assert "not answered yet" in capsys.readouterr().out


def test_checks_catch_the_usual_mistakes():
    land = maps.basemap()
    ids = ["triton-island", "spratly-island", "fiery-cross-reef"]
    with pytest.raises(AssertionError, match="not ids"):
        checks.chosen_features(["no-such-reef", *ids])
    with pytest.raises(AssertionError, match="degrees"):
        checks.distances_km(ids, pd.Series([2.2, 3.1, 4.5], index=ids), land)
    with pytest.raises(AssertionError, match=r"equal-area|far too small"):
        checks.zone_area_km2(40.0, land, 100)
    with pytest.raises(AssertionError, match="one of"):
        checks.verdict("true", "It is. Very.")
    mixed = pd.DataFrame({"China": [133.1], "United States": [999.0]}, index=[2020])
    with pytest.raises(AssertionError, match="off"):
        checks.totals_by_year(mixed)
    # China Customs' own 2024 total (about 260.7) must not pass for Vietnam's (205.4).
    other_reporter = pd.DataFrame({"China": [260.7], "United States": [134.0]}, index=[2024])
    with pytest.raises(AssertionError, match="off"):
        checks.totals_by_year(other_reporter)
    census_year = pd.DataFrame({"China": [float("nan")], "United States": [18.3]}, index=[2010])
    with pytest.raises(AssertionError, match="only Vietnam's customs"):
        checks.totals_by_year(census_year.fillna(0.0))
    # January 2026 is a month, not a year: a "2026 total" built from it is refused.
    january = pd.DataFrame({"China": [19.0], "United States": [13.9]}, index=[2026])
    with pytest.raises(AssertionError, match="full years"):
        checks.totals_by_year(january)


# --- launch buttons and downloads -------------------------------------------


def test_as_shipped_no_launch_button_points_nowhere(built_book):
    """repository.url is empty in _config.yml: no Binder, hub, Colab or live-code button, and the
    notebooks say where they can run instead of cloning an address that does not exist."""
    page = (built_book / "book" / "the-sea.html").read_text(encoding="utf-8")
    for service in ("mybinder.org", "/hub/user-redirect/", "colab.research.google.com", "initThebeSBT()"):
        assert service not in page, f"a launch button ({service}) with no repository to launch"
    download = re.search(r'href="(\.\./notebooks/book/the-sea\.ipynb)"', page)
    assert download and (built_book / "book" / download.group(1)).resolve().exists()
    nb = nbformat.read(built_book / "notebooks" / "book" / "the-sea.ipynb", 4)
    assert "git clone" not in nb.cells[0].source and "make lab" in nb.cells[0].source


def test_generated_notebooks_read_as_text_not_roles(built_book):
    """Colab and plain Jupyter show MyST roles raw: the generated notebooks carry them as text."""
    raw = re.compile(
        r"\{(footcite|cite|term|doc|numref)(:\w+)?\}`|`{3,}\{(footbibliography|admonition|exercise|glue:figure|container)"
    )
    for path in toc_files():
        nb = nbformat.read(built_book / "notebooks" / path.relative_to(ROOT).with_suffix(".ipynb"), 4)
        markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
        assert not raw.search(markdown), f"{path.name}: {raw.search(markdown).group(0)} left raw"
    two_visits = nbformat.read(built_book / "notebooks" / "book" / "two-visits.ipynb", 4)
    text = "\n".join(cell.source for cell in two_visits.cells)
    assert "(Caporale, 2022)" in text and "> **Claim check: qualified**" in text
    assert re.search(r"^- Caporale, V\. \(2022\)\. ‘Mr\. Trong Goes to Beijing’\.", text, re.M), (
        "the notebook lists no references"
    )


LAUNCHABLE = myst_chapter("A chapter", "print(2 + 2)")


def test_with_a_repository_the_launch_buttons_appear_and_open_the_notebooks(tmp_path):
    from book_tools import build_small_book

    config = (
        "repository: {url: 'https://github.com/vietnam-books/giants', branch: main}\n"
        "launch_buttons: {notebook_interface: jupyterlab, binderhub_url: 'https://mybinder.org', "
        "jupyterhub_url: 'https://hub.school.edu.vn', colab_url: 'https://colab.research.google.com', "
        "thebe: true}\n"
    )
    result = build_small_book(tmp_path, LAUNCHABLE, config, execute="off")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    page = (tmp_path / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")
    assert "https://mybinder.org/v2/gh/vietnam-books/giants/main" in page
    assert "https://hub.school.edu.vn/hub/user-redirect/git-pull?" in page
    assert (
        "https://colab.research.google.com/github/vietnam-books/giants/blob/gh-pages/notebooks/chapter.ipynb"
        in page
    )
    assert "Live Code" in page and "initThebeSBT" in page
    nb = nbformat.read(tmp_path / "_build" / "html" / "notebooks" / "chapter.ipynb", 4)
    assert "https://github.com/vietnam-books/giants" in nb.cells[0].source and "git" in nb.cells[0].source


@pytest.mark.parametrize(
    "url, placeholder",
    [
        ("https://github.com/vietnam-between-the-giants/book", False),
        ("https://gitlab.com/school/giants", False),
        ("https://hub.example.edu", True),
        ("https://github.com/your-org/book", True),
        ("https://github.com/<user>/book", True),
    ],
)
def test_placeholder_addresses_are_recognised(url, placeholder):
    from giants.sphinx.notebooks import is_placeholder

    assert is_placeholder(url) == placeholder


def test_a_placeholder_address_is_a_build_warning_and_no_repository_means_no_buttons(caplog):
    """The build warns (so, with warnings as errors, fails) on a placeholder address, and keeps
    only the launch buttons it can point somewhere."""
    from types import SimpleNamespace

    from giants.sphinx.notebooks import configure_launch_buttons

    buttons = {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "jupyterhub_url": "",
        "thebe": True,
        "notebook_interface": "jupyterlab",
    }
    placeholder = SimpleNamespace(
        html_theme_options={
            "repository_url": "https://github.com/your-org/book",
            "launch_buttons": dict(buttons),
        }
    )
    with caplog.at_level("WARNING"):
        configure_launch_buttons(None, placeholder)
    assert "looks like a placeholder" in caplog.text
    unset = SimpleNamespace(html_theme_options={"repository_url": "", "launch_buttons": dict(buttons)})
    configure_launch_buttons(None, unset)
    assert unset.html_theme_options["launch_buttons"] == {"notebook_interface": "jupyterlab"}


def test_portable_markdown_writes_roles_and_boxes_as_plain_text():
    from giants.portable import Context, portable_markdown

    context = Context.load(ROOT)
    text = (
        "As {footcite:p}`caporale2022,jervis1976` and {footcite:t}`jervis1976` argue, a state "
        "{term}`hedges <Hedging>` ({doc}`two-visits`; {doc}`the sea <the-sea>`); {numref}`fig-a` "
        "and {numref}`fig-b`.\n\n"
        "```{admonition} Claim check: qualified\n:class: claim-check qualified\n\n**The claim.** x\n```\n\n"
        ":::{exercise}\n:label: ex-1\n\nDo it.\n:::\n\n```{footbibliography}\n```\n"
    )
    plain = portable_markdown(text, context, "book/intro", figures_above={"fig-a"})
    assert plain.startswith(
        "As (Caporale, 2022; Jervis, 1976) and Jervis (1976) argue, a state hedges "
        "(*Two visits, one policy*; the sea); the figure above and the figure below."
    )
    assert "> **Claim check: qualified**\n>\n> **The claim.** x\n" in plain and ":class:" not in plain
    assert "> **Exercise**\n>\n> Do it.\n" in plain and ":label:" not in plain
    assert "- Caporale, V. (2022)." in plain and "- Jervis, R. (1976)." in plain
    assert context.cited == ["caporale2022", "jervis1976"]


def test_a_figure_in_a_notebook_is_its_caption_under_the_drawn_chart():
    """giants.figures.show draws the figure in the cell above; the directive becomes its caption,
    and a web page's own rendering (no caption, in a web-only container) disappears."""
    from giants.portable import Context, portable_markdown

    text = (
        "```{glue:figure} fig-a\n:name: fig-a\n:alt: A map.\n\nThe caption. Source: data/a.csv.\n```\n\n"
        "`````{only} html\n````{container} giants-map-web\n\n```{glue:figure} fig-a-web\n"
        ":figclass: giants-map-narrow\n:alt: The map for a phone.\n```\n````\n`````\n\nAfter.\n"
    )
    plain = portable_markdown(text, Context.load(ROOT), "book/intro")
    assert plain.startswith("**Figure.** The caption. Source: data/a.csv.\n")
    assert "glue" not in plain and "container" not in plain and ":alt:" not in plain and "After." in plain


def test_claim_checks_are_read_with_their_parts_and_citations():
    from giants.claims import claim_checks

    text = (
        "Intro.\n\n```{admonition} Claim check: contradicted\n:class: claim-check contradicted\n"
        ":name: claim-x\n\n**The claim.** It rained {footcite:p}`caporale2022`.\n\n"
        "**The evidence.** It did not {footcite:p}`a,b` {footcite:p}`b`.\n\n**Verdict.** Contradicted.\n```\n"
    )
    (check,) = claim_checks(text, "book/x")
    assert (check.name, check.verdict, check.classes) == (
        "claim-x",
        "contradicted",
        ["claim-check", "contradicted"],
    )
    assert check.claim.startswith("It rained") and check.conclusion == "Contradicted."
    assert (check.claim_keys, check.evidence_keys, check.whose, check.line) == (
        ["caporale2022"],
        ["a", "b"],
        "first article",
        3,
    )


def test_stripping_keeps_a_code_cell_as_written():
    """Only the gap a removed solution leaves is closed up: a cell's two blank lines after a
    function stay, or the student's cells would differ from the teacher's and run again."""
    cell = "```{code-cell} ipython3\ndef f():\n    return 1\n\n\nprint(f())\n```\n"
    text = f"# A\n\n{cell}\n:::{{solution}} ex-1\nThe answer.\n:::\n\nAfter.\n"
    stripped = classroom.strip_solutions(text)
    assert stripped == f"# A\n\n{cell}\nAfter.\n"
