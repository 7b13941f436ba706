"""Hand nbval the book's chapters.

nbval tests .ipynb notebooks against their stored outputs; the chapters are MyST Markdown
and store none. For each chapter listed in _toc.yml this hook converts the .md with jupytext
into a throwaway notebook under _build/nbval/ (never beside the .md, where Sphinx would see
two documents), and gives nbval that notebook to run cell by cell.

Most cells run lax: they must run without error, whatever they print. A cell whose output is
a key number carries its reviewed, expected output in its own metadata:

    ```{code-cell} ipython3
    :expected_output: "Polygons in the basemap: 123\\n"
    print(f"Polygons in the basemap: {len(basemap)}")
    ```

The hook stores that text as the cell's output and tags the cell `nbval-check-output`
(nbval's metadata form of `# NBVAL_CHECK_OUTPUT`), so a changed number fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import jupytext
import nbformat
from _pytest.compat import legacy_path
from nbval.plugin import IPyNbFile

from giants.toc import toc_files

THROWAWAY = Path("_build", "nbval")
CHECK_TAG = "nbval-check-output"


def notebook_for_nbval(md_path: Path) -> nbformat.NotebookNode:
    """The chapter as a notebook whose checked cells carry their expected output."""
    notebook = jupytext.read(md_path)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        expected = cell.metadata.get("expected_output")
        tags = cell.metadata.get("tags", [])
        if expected is None:
            if CHECK_TAG in tags:
                raise ValueError(f"{md_path}: a cell tagged {CHECK_TAG} needs an expected_output")
            continue
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=expected)]
        cell.execution_count = 1  # nbval refuses outputs on a cell that never ran
        cell.metadata["tags"] = [*tags, CHECK_TAG]
    return notebook


class ChapterNotebook(IPyNbFile):
    """nbval's notebook collector, named after the chapter but reading its converted copy."""

    converted: Path

    @property
    def fspath(self):  # nbval reads the notebook at, and starts its kernel beside, fspath
        return legacy_path(self.converted)


def pytest_collect_file(file_path: Path, parent):
    options = parent.config.option
    if file_path.suffix != ".md" or not (options.nbval or options.nbval_lax):
        return None
    root = parent.config.rootpath
    if file_path not in toc_files(root):
        return None
    target = root / THROWAWAY / file_path.relative_to(root).with_suffix(".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Every pytest-xdist worker collects every chapter: write whole files, never half of one.
    partial = target.with_suffix(f".{os.getpid()}.part")
    nbformat.write(notebook_for_nbval(file_path), partial)
    os.replace(partial, target)
    collector = ChapterNotebook.from_parent(parent, path=file_path)
    collector.converted = target
    return collector
