"""Chapters as notebooks: every figure shows wherever a chapter runs, and notebooks run anywhere.

* Each chapter, and each notebook the build generates from it, is executed with nbclient (one
  kernel per notebook): every figure the page shows (each `{glue:figure}`) must also be a chart
  output in the notebook, at a width JupyterLab can draw (never "container").
* The book drops those notebook copies, so its pages still show each figure once
  (giants.figures.show, giants.sphinx.charts).
* The setup cell of a generated notebook stops with two lines when it finds no code and data,
  installs the pinned libraries on Colab, and the offline bundle's notebooks run from a clean
  folder after its one-line install, with the repository's giants out of reach.
* A chapter opened and saved in JupyterLab (jupytext, with jupytext.toml) keeps its header.

Executing every chapter twice takes minutes: those tests are marked `slow`, and run in
`make test`, not `make check`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from giants import charts, figures, standalone
from giants.sphinx import charts as sphinx_charts
from giants.toc import ROOT

CHART_MIMES = ("application/vnd.vegalite.v5+json", "image/png", "image/svg+xml")
FIGURE = re.compile(r"^```\{glue:figure\}\s+(\S+)", re.M)
#: A block of the page shown only on the web (four or five backticks: it holds other directives).
WEB_ONLY = re.compile(r"^(`{4,})\{only\} html\n.*?^\1$", re.M | re.S)


def figures_to_show(text: str) -> list[str]:
    """The figures a notebook must show: every {glue:figure} but the web page's own renderings
    of a figure shown elsewhere (inside an {only} html block, glued with figures.web_copy)."""
    return FIGURE.findall(WEB_ONLY.sub("", text))


CHAPTERS = sorted(
    path for path in (ROOT / "book").glob("*.md") if FIGURE.search(path.read_text(encoding="utf-8"))
)


def execute(nb, cwd: Path, *, allow_errors: bool = False):
    from nbclient import NotebookClient

    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(cwd)}},
    ).execute()
    return nb


def shown_charts(nb) -> dict[str, dict]:
    """Each figure a notebook displayed through giants.figures.show: name -> output data."""
    shown = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = figures.shown_name(output.get("metadata"))
            if name and any(mime in output.get("data", {}) for mime in CHART_MIMES):
                shown[name] = output["data"]
    return shown


def widths(node):
    if isinstance(node, dict):
        if "width" in node:
            yield node["width"]
        for key, value in node.items():
            if key != "usermeta":  # the book's own mark (giants.charts.finish), not a drawn width
                yield from widths(value)
    elif isinstance(node, list):
        for item in node:
            yield from widths(item)


def assert_every_figure_shown(nb, chapter: Path) -> None:
    names = figures_to_show(chapter.read_text(encoding="utf-8"))
    shown = shown_charts(nb)
    missing = [name for name in names if name not in shown]
    assert not missing, f"{chapter.name}: figures the page shows but a notebook does not: {missing}"
    for name, data in shown.items():
        spec = data.get(CHART_MIMES[0])
        if spec is not None:
            assert "container" not in set(widths(spec)), (
                f"{name}: a 'container' width draws nothing in JupyterLab"
            )


# -- the figure helpers and the book's renderer ------------------------------------------------------------


def test_finish_marks_column_charts_and_the_book_restores_the_container_width():
    import altair as alt
    import pandas as pd

    chart = charts.finish(
        alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_bar().encode(y="a:Q"),
        source="A table",
        alt_text="Two bars",
    )
    spec = chart.to_dict()
    assert spec["width"] == charts.COLUMN_WIDTH
    web = sphinx_charts.column_width(spec)
    assert web["width"] == "container" and "width" not in web["usermeta"]["giants"]
    assert web["usermeta"]["giants"]["source"] == "A table"
    assert sphinx_charts.print_spec(web)["width"] == sphinx_charts.PRINT_WIDTH
    fixed = {**spec, "usermeta": {"giants": {"source": "A table"}}}
    assert sphinx_charts.column_width(fixed) == fixed, "a chart not marked keeps its own width"


def test_the_book_drops_a_figure_displayed_for_notebooks_and_renders_the_glued_one():
    from myst_nb.core.render import MimeData

    spec = {"mark": "bar", "usermeta": {"giants": {"source": "A table"}}}
    for mime, content in ((CHART_MIMES[0], spec), ("text/plain", "alt.Chart(...)"), ("image/png", "iVBOR")):
        shown = MimeData(mime, content, output_metadata={"giants": {figures.SHOWN: "fig-x"}})
        assert sphinx_charts.VegaLiteRenderer.handle_mime(None, shown, False) == []
    glued = MimeData("text/plain", "alt.Chart(...)", output_metadata={"scrapbook": {"name": "fig-x"}})
    assert sphinx_charts.VegaLiteRenderer.handle_mime(None, glued, False) is None


def test_every_glued_figure_is_made_with_show():
    """A figure glued with myst-nb's own glue(display=False) would be invisible in a notebook."""
    for chapter in CHAPTERS:
        text = chapter.read_text(encoding="utf-8")
        assert "display=False" not in text and "from myst_nb import glue" not in text, chapter.name
        for name in figures_to_show(text):
            assert re.search(rf'show\(\s*"{re.escape(name)}"', text), f"{chapter.name}: {name} is not shown"
        web_only = set(FIGURE.findall(text)) - set(figures_to_show(text))
        assert not web_only or "web_copy(" in text, f"{chapter.name}: web-only figures {web_only} not glued"


def test_the_built_pages_show_each_chart_once(built_book):
    """A figure displayed for notebooks as well as glued would be drawn twice: the same spec twice."""
    followed = 0
    for chapter in CHAPTERS:
        page = (built_book / chapter.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
        files = re.findall(rf'class="{sphinx_charts.CHART_CLASS}-spec" data-file="([^"]+)"', page)
        assert files, f"{chapter.name}: no chart on the page"
        assert len(files) == len(set(files)), f"{chapter.name}: a chart is drawn twice"
        for name in files:
            text = (built_book / "_static" / name).read_text(encoding="utf-8")
            spec = json.loads(text[text.index(",") + 1 : text.rindex(")")])
            assert "width" not in spec.get("usermeta", {}).get("giants", {}), (
                f"{name}: the build left the mark"
            )
            followed += spec.get("width") == "container"
    assert followed, "no chart follows the page column"


# -- every chart visible wherever a chapter runs ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_a_chapter_run_as_a_notebook_shows_every_figure(chapter):
    import jupytext

    nb = execute(jupytext.read(chapter), chapter.parent)
    assert_every_figure_shown(nb, chapter)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_a_generated_notebook_shows_every_figure(chapter, built_book):
    path = built_book / "notebooks" / chapter.relative_to(ROOT).with_suffix(".ipynb")
    nb = execute(nbformat.read(path, 4), path.parent)
    assert_every_figure_shown(nb, chapter)


# -- notebooks that run anywhere ---------------------------------------------------------------------------


@pytest.fixture
def without_repository_giants(tmp_path, monkeypatch):
    """Kernels that cannot import the repository's giants: no PYTHONPATH to it, and the editable
    install's finder removed at start-up (a sitecustomize on PYTHONPATH)."""
    blocker = tmp_path / "no-giants"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\n"
        "sys.meta_path[:] = [f for f in sys.meta_path if '__editable__' not in getattr(f, '__module__', '')]\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(blocker))
    probe = subprocess.run([sys.executable, "-c", "import giants"], cwd=blocker, capture_output=True)
    assert probe.returncode != 0, "giants is still importable: the test would prove nothing"
    return blocker


def setup_notebook(repository: str = "https://github.com/vietnam-between-the-giants/book"):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(standalone.code(repository, "main"))])


@pytest.mark.parametrize("repository", ["https://github.com/vietnam-between-the-giants/book", ""])
def test_a_notebook_alone_says_in_two_lines_what_to_do(tmp_path, without_repository_giants, repository):
    alone = tmp_path / "alone"
    alone.mkdir()
    nb = execute(setup_notebook(repository), alone, allow_errors=True)
    errors = [output for output in nb.cells[0].outputs if output.output_type == "error"]
    assert len(errors) == 1, nb.cells[0].outputs
    lines = errors[0].traceback
    assert len(lines) == 2, lines
    text = "\n".join(lines)
    for noise in ("Traceback", "fatal:", "To exit", "['git'", "SystemExit"):
        assert noise not in text
    if repository:
        assert (
            "book-main" in text and "book-src" in text and f"{repository}/archive/refs/heads/main.zip" in text
        )
    assert not [
        output for output in nb.cells[0].outputs if output.output_type == "stream" and output.name == "stderr"
    ]


def test_on_colab_the_setup_cell_fetches_and_installs_the_pinned_libraries_before_any_import(tmp_path):
    """Colab stood in for: a google.colab module, and subprocess.run recorded (the clone makes
    the folder it would fetch)."""
    script = f"""
import subprocess, sys, types, pathlib, json
sys.modules["google.colab"] = types.ModuleType("google.colab")
calls = []
def run(command, **kwargs):
    calls.append([str(part) for part in command])
    if command[:2] == ["git", "clone"]:
        (pathlib.Path("book-src") / "giants").mkdir(parents=True)
        (pathlib.Path("book-src") / "giants" / "__init__.py").write_text("")
        (pathlib.Path("book-src") / "data").mkdir()
    return types.SimpleNamespace(returncode=0, stderr="")
subprocess.run = run
import importlib.util
find = importlib.util.find_spec
importlib.util.find_spec = lambda name, *a: None if name == "giants" else find(name, *a)
exec({standalone.code("https://github.com/vietnam-between-the-giants/book", "main")!r})
print(json.dumps(calls))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    calls = json.loads(result.stdout.strip().splitlines()[-1])
    assert calls[0][:2] == ["git", "clone"]
    assert calls[1][1:5] == ["-m", "pip", "install", "--quiet"]
    assert calls[1][-1].endswith(f"book-src/{standalone.REQUIREMENTS}")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_the_notebooks_requirements_are_pinned_as_the_book_pins_them():
    wanted = pins(ROOT / standalone.REQUIREMENTS)
    book = {**pins(ROOT / "constraints.txt"), **pins(ROOT / "requirements.txt")}
    assert wanted, "no pinned requirement"
    assert {name: version for name, version in wanted.items() if book.get(name) != version} == {}
    # Everything the chapters import from outside the standard library is listed.
    for module, package in {
        "altair": "altair",
        "geopandas": "geopandas",
        "shapely": "shapely",
        "pandas": "pandas",
        "matplotlib": "matplotlib",
        "yaml": "pyyaml",
        "pybtex": "pybtex",
        "pyproj": "pyproj",
    }.items():
        assert package in wanted, (
            f"{module} is imported by the book's code but not in {standalone.REQUIREMENTS}"
        )


@pytest.mark.slow
def test_the_bundle_notebooks_run_from_a_clean_folder(built_book, tmp_path, without_repository_giants):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import bundle
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    with zipfile.ZipFile(bundle.bundle()) as zf:
        zf.extractall(tmp_path / "unzipped")
    (folder,) = (tmp_path / "unzipped").iterdir()
    readme = (folder / "README.txt").read_text()
    assert bundle.INSTALL in readme and (folder / "requirements.txt").is_file()
    assert pins(folder / "requirements.txt").items() >= pins(ROOT / standalone.REQUIREMENTS).items()
    assert (folder / "giants" / "__init__.py").is_file() and (folder / "data" / "datapackage.json").is_file()
    for path in sorted((folder / "notebooks" / "book").glob("*.ipynb")):
        nb = nbformat.read(path, 4)
        nb.cells.append(nbformat.v4.new_code_cell("import giants; print(giants.__file__)"))
        execute(nb, path.parent)  # raises on the first cell that fails
        used = nb.cells[-1].outputs[0]["text"].strip()
        assert Path(used).is_relative_to(folder), f"{path.name} used giants from {used}"
        chapter = ROOT / "book" / f"{path.stem}.md"
        if chapter in CHAPTERS:
            assert_every_figure_shown(nb, chapter)


# -- a chapter saved in JupyterLab is unchanged ----------------------------------------------------------


def lab_round_trip(path: Path) -> str:
    """The chapter as JupyterLab's jupytext writes it back after opening it: the project's jupytext
    config, and the kernelspec the running kernel records."""
    import jupytext
    from jupyter_client.kernelspec import KernelSpecManager
    from jupytext.config import load_jupytext_config

    config = load_jupytext_config(str(path))
    assert config is not None, "no jupytext config for the chapters (jupytext.toml)"
    nb = jupytext.reads(path.read_text(encoding="utf-8"), fmt="md:myst", config=config)
    spec = KernelSpecManager().get_kernel_spec("python3")
    nb.metadata["kernelspec"] = {
        "display_name": spec.display_name,
        "language": spec.language,
        "name": "python3",
    }
    return jupytext.writes(nb, fmt="md:myst", config=config)


NOTEBOOK_PAGES = sorted(
    path
    for path in [*(ROOT / "book").glob("*.md"), *(ROOT / "book").glob("assignments/*.md")]
    if "kernelspec:" in path.read_text(encoding="utf-8")[:500]
)


def front_matter(text: str) -> str:
    return text.split("\n---\n", 1)[0]


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=lambda path: path.stem)
def test_saving_a_chapter_in_jupyterlab_keeps_its_header_and_content(path):
    import jupytext

    text = path.read_text(encoding="utf-8")
    saved = lab_round_trip(path)
    assert front_matter(saved) == front_matter(text)
    before, after = jupytext.reads(text, fmt="md:myst"), jupytext.reads(saved, fmt="md:myst")
    assert [(c.cell_type, c.source, c.metadata) for c in before.cells] == [
        (c.cell_type, c.source, c.metadata) for c in after.cells
    ]


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=lambda path: path.stem)
def test_saving_a_chapter_in_jupyterlab_leaves_it_byte_identical(path):
    """Every chapter is kept in jupytext's canonical form (scripts/canonical_chapters.py, a
    pre-commit hook; scripts/refresh_outputs.py writes it), checked outputs included."""
    assert lab_round_trip(path) == path.read_text(encoding="utf-8"), (
        f"{path.name} changes when JupyterLab saves it: run python scripts/canonical_chapters.py --fix"
    )


def test_the_canonical_form_check_finds_a_chapter_out_of_form(tmp_path, monkeypatch):
    """scripts/canonical_chapters.py fails on a chapter whose checked output is a literal block."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "canonical_chapters", ROOT / "scripts" / "canonical_chapters.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    chapter = tmp_path / "book" / "c.md"
    chapter.parent.mkdir()
    (tmp_path / "jupytext.toml").write_text((ROOT / "jupytext.toml").read_text(encoding="utf-8"))
    head = (ROOT / "book" / "two-visits.md").read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n"
    chapter.write_text(
        head + "\n```{code-cell} ipython3\n---\nexpected_output: |\n  4\n---\nprint(2 + 2)\n```\n"
    )
    monkeypatch.setattr(module, "ROOT", tmp_path)
    assert module.main([]) == 1
    assert module.main(["--fix"]) == 0 and module.main([]) == 0
