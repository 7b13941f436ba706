"""Helpers several test files share: skipping for a missing tool, and small books built from
scratch to test the build's own guards."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from giants.toc import ROOT


def missing_tool(what: str) -> None:
    """A tool the test needs is not installed: skip, unless make test (which installs it) runs."""
    if os.environ.get("GIANTS_FULL_TEST"):
        pytest.fail(f"{what} (make test installs it)")
    pytest.skip(f"{what}: make test installs it; make check does without")


def myst_chapter(title: str, *cells: str) -> str:
    """A minimal chapter: the jupytext/kernelspec header, a title, and one code cell per string."""
    header = (
        "---\njupytext:\n  text_representation: {extension: .md, format_name: myst}\n"
        "kernelspec: {display_name: Python 3, language: python, name: python3}\n---\n"
    )
    return (
        header
        + f"# {title}\n"
        + "".join(f"\n```{{code-cell}} ipython3\n{cell.strip()}\n```\n" for cell in cells)
    )


def build_small_book(
    folder: Path,
    chapter: str,
    config: str = "",
    execute: str = "force",
    toc: str = "format: jb-book\nroot: chapter\n",
):
    """Build a one-chapter book in `folder` with the book's Sphinx extension; return the result.

    `config` is added to a minimal _config.yml (warnings as errors); `execute` is Jupyter
    Book's execute_notebooks ("off" when the test needs no outputs: no kernel to start).
    """
    (folder / "chapter.md").write_text(chapter)
    (folder / "_toc.yml").write_text(toc)
    (folder / "_config.yml").write_text(
        "title: small\nonly_build_toc_files: true\n"
        f"execute: {{execute_notebooks: {execute}, timeout: 120}}\n"
        "sphinx:\n  extra_extensions: [giants.sphinx]\n"
        f"  config: {{giants_static_dir: '{ROOT / 'book' / '_static'}'}}\n" + config
    )
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    return subprocess.run(
        [str(jupyter_book), "build", str(folder), "--warningiserror", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=600,
    )
