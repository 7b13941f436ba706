"""The print edition (make pdf): it builds, every chart and map is in it as a numbered
figure, Vietnamese and Chinese are set in real fonts, the bibliography closes it, paper tells
no reader to hover or click, and its title page names the authors as CITATION.cff does.

The tests that need the PDF are marked `pdf` (make test); those that read only the sources
run in make check too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from book_tools import missing_tool

from giants.portable import Context, portable_markdown
from giants.sphinx.charts import print_spec
from giants.sphinx.print_edition import SCREEN_ACTIONS, paper_wording
from giants.toc import ROOT, toc_files

PDF = ROOT / "_build" / "vietnam-between-the-giants.pdf"
TEX = ROOT / "_build" / "latex" / "vietnam-between-the-giants.tex"
TEX_LOG = TEX.with_suffix(".log")


@pytest.fixture(scope="module")
def pdf(built_book):  # after the HTML build, whose execution the print edition reuses
    missing = [tool for tool in ("xelatex", "latexmk", "pdftotext", "pdffonts") if shutil.which(tool) is None]
    if missing:
        missing_tool(f"the print edition needs {', '.join(missing)}")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pdf.py")], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(
            f"make pdf failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    # One execution feeds every edition: paper takes the HTML build's outputs from the cache.
    assert "Executing notebook" not in result.stdout, (
        "the print edition executed notebooks the HTML build had run"
    )
    return PDF


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.pdf
def test_the_pdf_is_a_whole_book(pdf, text):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 100, f"only {pages} pages"
    for part in ("The record", "The sea", "The evidence", "For teachers and students"):
        assert re.search(rf"Part \w+\s+{part}", text), f"no part page for {part!r}"
    for heading in ("Introduction", "Two thousand years in the shadow", "Glossary", "Bibliography"):
        assert heading in text


@pytest.mark.pdf
def test_every_glued_figure_is_a_numbered_figure_and_every_chart_a_drawing(pdf, text):
    sources = "".join(path.read_text(encoding="utf-8") for path in toc_files())
    # Maps drawn for a screen's width (giants.maps.WebPicture, in `{only} html` blocks) are the
    # web's renderings of a figure that paper prints once.
    figures = ONLY_BLOCK.sub(lambda m: "" if m.group(2) == "html" else m.group(0), sources).count(
        "```{glue:figure}"
    )
    captions = set(re.findall(r"Fig\. (\d+\.\d+):", text))
    assert len(captions) == figures, f"{len(captions)} numbered figures in the PDF, {figures} in the chapters"
    tex = TEX.read_text(encoding="utf-8")
    drawings = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{(chart-[0-9a-f]+)\}\.pdf\}", tex)
    charts = sources.count("charts.finish(")
    assert len(drawings) >= charts, f"{len(drawings)} chart drawings for {charts} charts"
    assert "giants-chart" not in tex, "a chart reached the LaTeX as HTML"
    for name in set(drawings):
        assert (TEX.parent / f"{name}.pdf").stat().st_size > 2000, f"{name}.pdf is empty"


@pytest.mark.pdf
def test_vietnamese_and_chinese_are_typeset_in_fonts_that_have_them(pdf, text):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerif-Regular" in fonts and "NotoSerifCJK" in fonts, fonts
    assert not re.search(r"^\S+\s+Type 3", fonts, re.M), "bitmap (Type 3) fonts in the PDF"
    not_embedded = [line for line in fonts.splitlines()[2:] if line.split()[-5] != "yes"]
    assert not not_embedded, f"fonts not embedded: {not_embedded}"
    missing = [
        line
        for line in TEX_LOG.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.startswith("Missing character")
    ]
    assert not missing, f"characters with no glyph: {missing[:5]}"
    # A Vietnamese feature name with stacked diacritics, and a Chinese source title, as text.
    assert "Đá Chữ Thập" in text
    assert "东南亚态势报告" in text


@pytest.mark.pdf
def test_the_bibliography_lists_every_work_once(pdf, text):
    entries = len(re.findall(r"^@\w+\{", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))
    tex = TEX.read_text(encoding="utf-8")
    chapter = tex[tex.index(r"\chapter{Bibliography}") :]
    paragraphs = chapter.count(r"\sphinxAtStartPar") - 1  # less the opening sentence
    assert paragraphs == entries, f"{paragraphs} bibliography entries for {entries} in references.bib"
    assert r"\section{References}" not in tex, "an empty per-chapter References section reached paper"


# Paper is paper: what only a screen can do is said only on the web.

#: A fenced `only` block of the chapters (at the start of a line: giants.portable reads them
#: there too): its builder and its text.
ONLY_BLOCK = re.compile(r"^(`{3,})\{only\} *(\w+)[ \t]*\n(.*?)^\1[ \t]*$", re.M | re.S)


def only_blocks(builder: str) -> list[tuple[str, str]]:
    """(chapter, text) of every `only` block for `builder` in the book's chapters."""
    return [
        (path.name, match.group(3))
        for path in toc_files()
        for match in ONLY_BLOCK.finditer(path.read_text(encoding="utf-8"))
        if match.group(2) == builder
    ]


def letters(text: str) -> str:
    """Only the letters, lower case: line breaks, hyphenation and running heads do not matter."""
    return re.sub(r"[^a-z]", "", text.lower())


def opening(block: str) -> str:
    """The first plain stretch of a block's text (no role, no code), as letters."""
    runs = [run for run in re.split(r"\{[\w:-]+\}`[^`]*`|`[^`]*`|\*\*", block) if len(letters(run)) >= 25]
    assert runs, f"no plain text to look for in {block!r}"
    return letters(runs[0])[:60]


def test_every_screen_instruction_in_the_chapters_is_web_only():
    """The chapters' prose outside `{only} html` blocks tells nobody to hover, click or drag.

    Code cells are left out: a chart's subtitle is shortened on paper (paper_wording), and a
    code cell's words are not addressed to the reader.
    """
    found = []
    for path in toc_files():
        text = ONLY_BLOCK.sub(
            lambda m: "" if m.group(2) == "html" else m.group(0), path.read_text(encoding="utf-8")
        )
        text = re.sub(r"^```\{code-cell\}.*?^```[ \t]*$", "", text, flags=re.M | re.S)
        found += [
            f"{path.name}: {line.strip()}"
            for line in text.splitlines()
            if SCREEN_ACTIONS.search(line) and not line.lstrip().startswith(":alt:")
        ]
    assert not found, "screen-only sentences outside an {only} html block:\n" + "\n".join(found)
    assert only_blocks("html") and only_blocks("latex"), "the chapters have no {only} blocks to check"


@pytest.mark.parametrize(
    "subtitle, printed",
    [
        (
            "Most events crowd into the last seventy years; drag across the strip to zoom.",
            "Most events crowd into the last seventy years.",
        ),
        (
            "Imports reached $186 billion; exports $153 billion. Click a partner in the legend to follow it.",
            "Imports reached $186 billion; exports $153 billion.",
        ),
        ("A share of 3.5 per cent. Hover for values.", "A share of 3.5 per cent."),
        ("Each strip has its own scale.", "Each strip has its own scale."),
        ("Drag to zoom.", ""),
        ("The record from 2024: each dot an event, hover for its date.", "The record from 2024."),
        ("Dragon Reef; Tapioca Bank.", "Dragon Reef; Tapioca Bank."),  # whole words only
    ],
)
def test_paper_wording_drops_only_the_clauses_for_the_screen(subtitle, printed):
    assert paper_wording(subtitle) == printed


def test_chart_drawings_on_paper_carry_no_title_for_the_screen():
    """A timeline's strip is titled "Whole period: drag to zoom ..." on the web, "Whole period" on paper."""
    spec = {
        "title": {"text": "Events", "subtitle": "Drag to zoom."},
        "width": "container",
        "vconcat": [
            {"mark": "point"},
            {
                "mark": "point",
                "title": {
                    "text": "Whole period: drag to zoom the view above, double-click to reset",
                    "orient": "bottom",
                },
            },
            {"mark": "point", "title": "Hover for values"},
            {"mark": "point", "title": ["Scarborough Shoal"]},
        ],
    }
    printed = print_spec(spec)
    assert "title" not in printed and printed["width"] == 600
    assert [view.get("title") for view in printed["vconcat"]] == [
        None,
        {"text": "Whole period", "orient": "bottom"},
        "",
        ["Scarborough Shoal"],
    ]
    assert not SCREEN_ACTIONS.search(str(printed))
    assert spec["vconcat"][1]["title"]["text"].startswith("Whole period: drag"), "the web's spec was changed"


def test_the_notebooks_keep_the_web_wording():
    cell = (
        "Intro.\n\n```{only} html\nHover over a mark for its date.\n```\n\n"
        "```{only} latex\nThe dates are in data/events.csv.\n```\n\nOutro.\n"
    )
    text = portable_markdown(cell, Context())
    assert "Hover over a mark for its date." in text and "data/events.csv" not in text
    assert "{only}" not in text and "```" not in text
    assert text.startswith("Intro.") and text.rstrip().endswith("Outro.")


@pytest.mark.pdf
def test_paper_tells_no_reader_to_hover_click_drag_scroll_tap_or_zoom(pdf, text):
    lines = [line.strip() for line in text.splitlines() if SCREEN_ACTIONS.search(line)]
    assert not lines, "the PDF tells its reader to act on a screen:\n" + "\n".join(lines[:20])
    printed = letters(text)
    for chapter, block in only_blocks("latex"):
        assert opening(block) in printed, f"{chapter}: the print wording {block[:80]!r}… is not in the PDF"
    for chapter, block in only_blocks("html"):
        if "{glue:figure}" in block and not re.search(r"^[A-Z{][^:`\n]{25,}", block, re.M):
            continue  # pictures only (a map drawn for the screen's width): no sentence to look for
        assert opening(block) not in printed, f"{chapter}: the web-only {block[:80]!r}… is in the PDF"


# Who wrote it: one name, in a form a citation manager takes, on the title page and in CITATION.cff.

CFF = ROOT / "CITATION.cff"


def cff_author_names(authors: list[dict]) -> list[str]:
    return [
        a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")]))
        for a in authors
    ]


def test_citation_cff_names_its_authors_as_a_citation_manager_reads_them():
    """The fields the CFF 1.2.0 schema requires (cffconvert --validate checks the whole schema),
    each author a person (family-names) or a named group (name), a real-looking contact if any,
    and the same names as the title page (author in _config.yml)."""
    cff = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff.get("message") and cff.get("title")
    assert cff.get("type", "software") in ("software", "dataset")
    citations = [cff] + ([cff["preferred-citation"]] if "preferred-citation" in cff else [])
    for entry in citations:
        authors = entry.get("authors")
        assert isinstance(authors, list) and authors, "CITATION.cff needs at least one author"
        for author in authors:
            assert author.get("family-names") or author.get("name"), f"an author with no name: {author}"
            group = author.get("name", "")
            # A group name that reads as a description, not a name, cites as nonsense.
            assert not re.match(r"(the )?authors of\b", group, re.I), f"not a group's name: {group!r}"
            email = author.get("email", "")
            assert not email or (
                re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", email)
                and not re.search(r"example\.|placeholder|your", email)
            ), email
        assert cff_author_names(authors) == cff_author_names(cff["authors"])
    if "preferred-citation" in cff:
        assert cff["preferred-citation"]["type"] == "book" and cff["preferred-citation"]["year"]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["author"] == " and ".join(cff_author_names(cff["authors"])), (
        "the title page (author in _config.yml) and CITATION.cff name different authors"
    )


@pytest.mark.pdf
def test_the_title_page_names_the_authors_of_citation_cff(pdf):
    names = cff_author_names(yaml.safe_load(CFF.read_text(encoding="utf-8"))["authors"])
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in names:
        assert letters(name) in letters(first_page), f"the title page does not name {name!r}:\n{first_page}"
