"""The print edition (make pdf): it builds, every chart and map is in it as a numbered
figure, Vietnamese and Chinese are set in real fonts, and the bibliography closes it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from book_tools import missing_tool
from giants.toc import ROOT, toc_files

pytestmark = pytest.mark.pdf

PDF = ROOT / "_build" / "vietnam-between-the-giants.pdf"
TEX = ROOT / "_build" / "latex" / "vietnam-between-the-giants.tex"
TEX_LOG = TEX.with_suffix(".log")


@pytest.fixture(scope="module")
def pdf(built_book):  # after the HTML build, whose execution the print edition reuses
    missing = [tool for tool in ("xelatex", "latexmk", "pdftotext", "pdffonts") if shutil.which(tool) is None]
    if missing:
        missing_tool(f"the print edition needs {', '.join(missing)}")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "pdf.py")], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"make pdf failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    # One execution feeds every edition: paper takes the HTML build's outputs from the cache.
    assert "Executing notebook" not in result.stdout, "the print edition executed notebooks the HTML build had run"
    return PDF


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_pdf_is_a_whole_book(pdf, text):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 100, f"only {pages} pages"
    for part in ("The record", "The sea", "The evidence", "For teachers and students"):
        assert re.search(rf"Part \w+\s+{part}", text), f"no part page for {part!r}"
    for heading in ("Introduction", "Two thousand years in the shadow", "Glossary", "Bibliography"):
        assert heading in text


def test_every_glued_figure_is_a_numbered_figure_and_every_chart_a_drawing(pdf, text):
    sources = "".join(path.read_text(encoding="utf-8") for path in toc_files())
    figures = sources.count("```{glue:figure}")
    captions = set(re.findall(r"Fig\. (\d+\.\d+):", text))
    assert len(captions) == figures, f"{len(captions)} numbered figures in the PDF, {figures} in the chapters"
    tex = TEX.read_text(encoding="utf-8")
    drawings = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{(chart-[0-9a-f]+)\}\.pdf\}", tex)
    charts = sources.count("charts.finish(")
    assert len(drawings) >= charts, f"{len(drawings)} chart drawings for {charts} charts"
    assert "giants-chart" not in tex, "a chart reached the LaTeX as HTML"
    for name in set(drawings):
        assert (TEX.parent / f"{name}.pdf").stat().st_size > 2000, f"{name}.pdf is empty"


def test_vietnamese_and_chinese_are_typeset_in_fonts_that_have_them(pdf, text):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerif-Regular" in fonts and "NotoSerifCJK" in fonts, fonts
    assert not re.search(r"^\S+\s+Type 3", fonts, re.M), "bitmap (Type 3) fonts in the PDF"
    not_embedded = [line for line in fonts.splitlines()[2:] if line.split()[-5] != "yes"]
    assert not not_embedded, f"fonts not embedded: {not_embedded}"
    missing = [line for line in TEX_LOG.read_text(encoding="utf-8", errors="replace").splitlines()
               if line.startswith("Missing character")]
    assert not missing, f"characters with no glyph: {missing[:5]}"
    # A Vietnamese feature name with stacked diacritics, and a Chinese source title, as text.
    assert "Đá Chữ Thập" in text
    assert "东南亚态势报告" in text


def test_the_bibliography_lists_every_work_once(pdf, text):
    entries = len(re.findall(r"^@\w+\{", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))
    tex = TEX.read_text(encoding="utf-8")
    chapter = tex[tex.index(r"\chapter{Bibliography}"):]
    paragraphs = chapter.count(r"\sphinxAtStartPar") - 1  # less the opening sentence
    assert paragraphs == entries, f"{paragraphs} bibliography entries for {entries} in references.bib"
    assert r"\section{References}" not in tex, "an empty per-chapter References section reached paper"
