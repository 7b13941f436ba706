"""A chapter opened in JupyterLab reads like the book: `make lab` and Binder's setup at work.

JupyterLab starts with the settings `make lab` and Binder install (scripts/jupyterlab-
overrides.json) on copies of a chapter and of its generated notebook, and headless Chromium
opens both. The chapter must open as a notebook (jupytext) with its MyST rendered by
jupyterlab-myst: claim-check boxes, exercises and glossary terms, no raw directive or role.
The generated notebook (what Colab and a plain Jupyter get) must show its citations as
"(Author, year)". Screenshots of both go to _build/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from book_tools import missing_tool

from giants.toc import ROOT

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "_build" / "screenshots"
TOKEN = "giants-test"
#: Chapters a student runs in JupyterLab in the tests (Run > Run All Cells): every figure shows.
CHAPTERS_RUN = ("own-words", "balance-tested")


@pytest.fixture(scope="module")
def lab(tmp_path_factory, built_book):
    try:
        import jupyterlab  # noqa: F401
        import jupyterlab_myst  # noqa: F401
    except ImportError:
        missing_tool("JupyterLab with jupyterlab-myst (requirements-lab.txt)")
    root = tmp_path_factory.mktemp("lab")
    (root / "book").mkdir()
    # Copies: nothing JupyterLab does (an autosave, say) can touch the real sources.
    for chapter in ("two-visits", *CHAPTERS_RUN):
        shutil.copy(ROOT / "book" / f"{chapter}.md", root / "book" / f"{chapter}.md")
    shutil.copy(built_book / "notebooks" / "book" / "two-visits.ipynb", root / "two-visits-generated.ipynb")
    settings = root / "settings"
    settings.mkdir()
    overrides = json.loads((ROOT / "scripts" / "jupyterlab-overrides.json").read_text())
    # JupyterLab draws only the cells near the screen; the test reads them all.
    overrides["@jupyterlab/notebook-extension:tracker"] = {"windowingMode": "none"}
    (settings / "overrides.json").write_text(json.dumps(overrides))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.app_settings_dir={settings}",
        f"--LabApp.user_settings_dir={root / 'user-settings'}",
        f"--LabApp.workspaces_dir={root / 'workspaces'}",
        "--ServerApp.disable_check_xsrf=True",
    ]
    server = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab did not start:\n{server.stderr.read()[-3000:]}")
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


RENDERED = ".jp-MarkdownCell .myst"  # a markdown cell as jupyterlab-myst draws it


def open_in_lab(page, base: str, path: str):
    # ?reset: a fresh workspace, not the tabs the last test left open.
    page.goto(f"{base}/lab/tree/{path}?reset&token={TOKEN}")
    page.locator(RENDERED).first.wait_for(timeout=60_000)
    page.wait_for_function(f"document.querySelectorAll('{RENDERED}').length > 5", timeout=60_000)


def rendered_text(page) -> str:
    return "\n".join(page.locator(RENDERED).all_inner_texts())


def test_a_chapter_opens_in_jupyterlab_as_a_notebook_with_its_myst_rendered(page, lab):
    open_in_lab(page, lab, "book/two-visits.md")
    assert page.locator(".jp-NotebookPanel .jp-Notebook").count() == 1, (
        "the chapter opened as text, not as a notebook"
    )
    box = page.locator(f"{RENDERED} aside.myst-admonition.claim-check").first
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "jupyterlab-chapter-claim-check.png"))
    assert box.inner_text().startswith("Claim check")
    # The first numbered exercise (the chapter's quiz, before its exercises, has no number).
    exercise = (
        page.locator(f"{RENDERED} aside.myst-exercise").filter(has_text=re.compile(r"^\s*Exercise \d")).first
    )
    exercise.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "jupyterlab-chapter-exercise.png"))
    assert exercise.inner_text().startswith("Exercise 1")
    text = rendered_text(page)
    for raw in ("```{admonition}", ":::{exercise}", "{term}`", "{doc}`", "{footcite:p}`", "{numref}`"):
        assert raw not in text, f"{raw} shows raw in JupyterLab"


def test_the_generated_notebook_opens_with_citations_written_out(page, lab):
    open_in_lab(page, lab, "two-visits-generated.ipynb")
    page.locator(RENDERED).filter(has_text="(Caporale, 2022)").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "jupyterlab-generated-notebook.png"))
    text = rendered_text(page)
    assert "(Caporale, 2022)" in text and "Claim check: qualified" in text
    assert "caporale2022" not in text


@pytest.mark.parametrize("chapter", CHAPTERS_RUN)
def test_a_student_running_a_chapter_in_jupyterlab_sees_every_figure(page, lab, chapter):
    """Run > Run All Cells on a chapter, as a student would: each figure the book page shows
    (giants.figures.show) is drawn in the notebook, by JupyterLab's own Vega renderer, with a
    width (a "container" width would draw nothing). Screenshots at 1280 px."""
    from test_notebooks import figures_to_show

    expected = len(figures_to_show((ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")))
    open_in_lab(page, lab, f"book/{chapter}.md")
    page.locator(".jp-Notebook").first.click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # JupyterLab's Vega renderer draws on a canvas (the book's page script draws SVG).
    drawn = ".jp-OutputArea-output .vega-embed canvas, .jp-OutputArea-output .vega-embed svg.marks, .jp-OutputArea-output img"
    charts = page.locator(drawn)
    try:
        page.wait_for_function(
            f"document.querySelectorAll('{drawn}').length >= {expected}",
            timeout=int(os.environ.get("GIANTS_LAB_RUN_TIMEOUT", "180000")),
        )
    finally:
        page.screenshot(path=str(SCREENSHOTS / f"jupyterlab-run-{chapter}.png"))
    first = charts.first
    first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / f"jupyterlab-run-{chapter}.png"))
    widths = charts.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert len(widths) >= expected and min(widths) > 200, widths
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()


def test_jupyterlab_settings_are_valid_json():
    json.loads((ROOT / "scripts" / "jupyterlab-overrides.json").read_text())
