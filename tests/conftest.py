"""Fixtures shared by the tests: the book's root, its chapters, and one build of the book."""

from __future__ import annotations

import subprocess
import sys
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
def built_book() -> Path:
    """Build the book once per test run, warnings as errors; fail with the log's tail."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py")],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-40:])
        pytest.fail(f"the book build failed (exit {result.returncode}):\n{tail}\n{result.stderr[-2000:]}")
    return HTML

