"""Fixtures shared by the tests: the book's root, its chapters, and one build of the book."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from giants.toc import ROOT, toc_files

HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def chapters() -> list[Path]:
    return toc_files(ROOT)


@pytest.fixture(scope="session")
def chapter_pages(chapters) -> dict[Path, Path]:
    """Each chapter's .md file and the HTML page the build makes of it."""
    return {md: HTML / md.relative_to(ROOT).with_suffix(".html") for md in chapters}


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test in this process (Playwright's sync API
    allows one session per thread)."""
    from book_tools import missing_tool
    from browser_tools import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except RuntimeError as missing:
            missing_tool(str(missing))
        yield chromium
        chromium.close()


#: One id for the whole test run, shared by pytest-xdist's workers.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
BUILT_IN_THIS_RUN = ROOT / "_build" / "built-by-test-run"


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book once per test run, warnings as errors; fail with the log's tail.

    Each pytest-xdist worker asks for it; the first builds, the others find the build this run
    made (a marker holding the run's id) and use it.
    """
    import fcntl

    BUILT_IN_THIS_RUN.parent.mkdir(exist_ok=True)
    with (ROOT / "_build" / ".test-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if BUILT_IN_THIS_RUN.exists() and BUILT_IN_THIS_RUN.read_text() == RUN_ID:
            return HTML
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build.py")], cwd=ROOT, capture_output=True, text=True
        )
        if result.returncode != 0:
            tail = "\n".join(result.stdout.splitlines()[-40:])
            pytest.fail(f"the book build failed (exit {result.returncode}):\n{tail}\n{result.stderr[-2000:]}")
        BUILT_IN_THIS_RUN.write_text(RUN_ID)
    return HTML


#: Test files that hold the longest single jobs (the print edition, the browser, the student
#: edition, JupyterLab), run first so that the shorter ones fill the other cores around them.
LONGEST_FIRST = ["test_pdf.py", "test_browser.py", "test_classroom.py", "test_lab.py", "test_build.py"]


def pytest_collection_modifyitems(items):
    def rank(item):
        name = item.path.name
        if name in LONGEST_FIRST:
            return LONGEST_FIRST.index(name)
        return len(LONGEST_FIRST) + (0 if item.path.suffix == ".md" else 1)

    items.sort(key=rank)  # stable: each file keeps its own order
