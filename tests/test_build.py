"""The book builds with warnings as errors, and every page it makes is complete and self-contained."""

import itertools
from pathlib import Path
from urllib.parse import urlparse

import pytest
from book_tools import myst_chapter
from bs4 import BeautifulSoup

from giants.toc import ROOT


def pages(chapter_pages):
    return [(md.relative_to(ROOT).as_posix(), html) for md, html in chapter_pages.items()]


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_book_builds_with_warnings_as_errors(built_book):
    assert (built_book / "index.html").exists()


def test_every_chapter_has_a_page(built_book, chapter_pages):
    missing = [md.name for md, html in chapter_pages.items() if not html.exists()]
    assert not missing, f"no page built for {missing}"


def test_every_chart_and_figure_has_a_source_line(built_book, chapter_pages):
    problems = []
    for name, html in pages(chapter_pages):
        page = soup(html)
        for i, chart in enumerate(page.select(".giants-chart"), start=1):
            line = chart.select_one(".chart-source")
            if line is None or len(line.get_text(strip=True)) < len("Source: ") + 3:
                problems.append(f"{name}: chart {i} has no source line")
        for img in page.select("article img"):
            figure = img.find_parent("figure")
            web = img.find_parent(class_="giants-map-web")
            if web is not None:
                # A map drawn for the screen's width (giants.maps.WebPicture) sits just above the
                # paper figure, whose caption (its picture hidden on screen) is the one a reader sees.
                figure = web.find_next_sibling()
                figure = (
                    figure if figure is not None and "giants-map-print" in figure.get("class", []) else None
                )
            caption = figure.select_one("figcaption") if figure else None
            if caption is None or "Source:" not in caption.get_text():
                problems.append(f"{name}: image {img.get('src')} has no caption with 'Source:'")
            if not (img.get("alt") or "").strip():
                problems.append(f"{name}: image {img.get('src')} has no alt text")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "attribute, selector",
    [
        ("src", "script[src]"),
        ("href", "link[href]"),
        ("src", "img[src]"),
        ("src", "iframe[src]"),
        ("src", "source[src]"),
    ],
)
def test_pages_load_nothing_from_elsewhere(built_book, chapter_pages, attribute, selector):
    """No CDN scripts, remote fonts, images or frames: the built book works offline."""
    remote = []
    for name, html in pages(chapter_pages):
        for tag in soup(html).select(selector):
            url = tag[attribute]
            if urlparse(url).scheme in ("http", "https") or url.startswith("//"):
                remote.append(f"{name}: <{tag.name} {attribute}={url}>")
    assert not remote, "\n".join(remote)


def test_no_require_js(built_book, chapter_pages):
    """require.js would capture the UMD vega builds as AMD modules and charts would time out."""
    for name, html in pages(chapter_pages):
        sources = [t["src"] for t in soup(html).select("script[src]")]
        assert not [s for s in sources if "require" in s.lower()], f"{name} loads require.js"


def test_vega_scripts_only_where_charts_are(built_book, chapter_pages):
    # The chart script names the vendored vega scripts it fetches once the page has loaded.
    for name, html in pages(chapter_pages):
        page = soup(html)
        has_chart = bool(page.select(".giants-chart"))
        loaders = page.select('script[src*="giants-charts.js"][data-vendor]')
        assert has_chart == bool(loaders), f"{name}: charts={has_chart} but chart script={bool(loaders)}"
        assert not any("vendor/vega" in t["src"] for t in page.select("script[src]")), (
            f"{name}: vega is loaded with the page, not after it"
        )
        for loader in loaders:
            vendor = loader["data-vendor"].split()
            assert [Path(src).name.split("@")[0] for src in vendor] == ["vega", "vega-lite", "vega-embed"]
            script_dir = (html.parent / loader["src"].split("?")[0]).parent
            for src in vendor:
                assert (script_dir / src).exists(), f"{name}: {src} is not beside giants-charts.js"


def test_theme_template_override_still_matches_the_theme():
    """book/_templates copies one theme template minus Font Awesome's 1.5 MB script."""
    import pydata_sphinx_theme

    theme = (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "webpack-macros.html"
    ).read_text()
    ours = (ROOT / "book" / "_templates" / "static" / "webpack-macros.html").read_text()

    def body(text):  # the macros, without the leading comment and what the book changes
        text = text[text.index("{% macro") :]
        return [
            line.replace("_static/styles/pydata-sphinx-theme.css", "_static/theme/pydata-sphinx-theme.css")
            for line in text.splitlines()
            if "fontawesome.js" not in line
            and "custom icons" not in line
            and 'rel="preload"' not in line
            and "Pre-loaded scripts" not in line
        ]

    assert body(ours) == body(theme), (
        "pydata-sphinx-theme changed: refresh book/_templates/static/webpack-macros.html"
    )


def test_no_page_loads_the_icon_script(built_book, chapter_pages):
    for name, html in pages(chapter_pages):
        assert "fontawesome.js" not in html.read_text(), f"{name} loads scripts/fontawesome.js"


BROKEN_CHAPTER = myst_chapter(
    "Broken on purpose",
    """
import altair as alt
import pandas as pd
from giants import charts

charts.use_book_theme()
alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
""",
    "1 / 0",
)


def test_a_cell_error_or_a_chart_without_source_fails_the_build(tmp_path):
    """The build's own guards work: it refuses a failing cell and an unsourced chart."""
    from book_tools import build_small_book

    result = build_small_book(tmp_path, BROKEN_CHAPTER)
    log = result.stdout + result.stderr
    assert result.returncode != 0, "a broken book built without complaint"
    assert "Executing notebook failed" in log, log[-3000:]
    assert "chart has no source line" in log, log[-3000:]


VERDICTS = {"supported", "qualified", "contradicted", "unverified"}


def test_every_claim_check_has_claim_evidence_verdict_and_a_citation(built_book, chapter_pages):
    """Claim checks are admonitions with class claim-check and one verdict (see giants.css)."""
    problems = []
    for name, html in pages(chapter_pages):
        for i, box in enumerate(soup(html).select(".admonition.claim-check"), start=1):
            verdicts = VERDICTS & set(box.get("class", []))
            text = box.get_text(" ", strip=True)
            if len(verdicts) != 1:
                problems.append(
                    f"{name}: claim check {i} needs exactly one verdict class of {sorted(VERDICTS)}"
                )
            for part in ("The claim", "The evidence", "Verdict"):
                if part not in text:
                    problems.append(f"{name}: claim check {i} lacks '{part}'")
            if not box.select("a.reference.internal, a.footnote-reference"):
                problems.append(f"{name}: claim check {i} cites nothing")
    assert not problems, "\n".join(problems)


def test_no_dollar_amount_is_typeset_as_mathematics(built_book, chapter_pages):
    """The book has no mathematics; "$119 billion and $144 billion" must stay prose."""
    for page in chapter_pages.values():
        assert 'class="math' not in page.read_text(encoding="utf-8"), f"{page.name} has maths markup"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Việt Nam and China met.", [("Việt Nam", "vi")]),
        ("Đảo Phú Lâm (Woody Island), 永兴岛 Yǒngxīng Dǎo", [("Đảo Phú Lâm", "vi"), ("永兴岛", "zh")]),
        ("the Thanh Niên newspaper", [("Thanh Niên", "vi")]),
        ("Nguyen Phu Trong visited Beijing; a café, a résumé", []),
    ],
)
def test_vietnamese_and_chinese_runs_are_found_and_english_is_left_alone(text, expected):
    from giants.sphinx.language import language_runs

    runs = language_runs(text)
    assert "".join(segment for segment, _ in runs) == text
    assert [(segment, language) for segment, language in runs if language] == expected


def test_pages_mark_vietnamese_and_chinese_with_their_language(built_book):
    page = BeautifulSoup(
        (built_book / "book" / "opinion-and-trade.html").read_text(encoding="utf-8"), "html.parser"
    )
    chinese = [span.get_text() for span in page.select('span[lang="zh"]')]
    assert "东南亚态势报告" in chinese
    assert page.select('span[lang="vi"]'), "no Vietnamese marked on the page that cites Vietnamese sources"
    history = BeautifulSoup(
        (built_book / "book" / "two-thousand-years.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "Nhân Dân" in [span.get_text() for span in history.select('span[lang="vi"]')]
    for soup in (page, history):
        assert not soup.select("pre [lang], code [lang]"), "code or output was marked with a language"


def test_headings_never_skip_a_level(built_book, chapter_pages):
    # Screen-reader users move by headings: an h2 followed by an h4 hides a level.
    for page in chapter_pages.values():
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        levels = [int(h.name[1]) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels and levels[0] == 1, f"{page.name}: the article does not open with an h1"
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert not skips, f"{page.name}: heading levels jump {skips}"
        assert levels.count(1) == 1, f"{page.name}: {levels.count(1)} h1 headings"


def test_trimmed_theme_stylesheet_keeps_every_class_the_pages_use(built_book):
    """book/_static/theme/ is the theme's stylesheet cut to the book (scripts/trim_theme.py)."""
    import hashlib
    import re

    import pydata_sphinx_theme

    original = (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "styles"
        / "pydata-sphinx-theme.css"
    ).read_bytes()
    trimmed = (ROOT / "book" / "_static" / "theme" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    made_from = trimmed.splitlines()[0]
    assert (
        f"pydata-sphinx-theme {pydata_sphinx_theme.__version__} " in made_from
        and hashlib.sha256(original).hexdigest()[:16] in made_from
    ), "the theme changed since its stylesheet was trimmed: rerun scripts/trim_theme.py"

    def classes(selector: str) -> set[str]:
        return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selector))

    def selectors(css: str) -> set[str]:
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        found = set()
        for group in re.findall(r"([^{}]+)\{", css):
            if not group.lstrip().startswith("@"):
                found.update(part.strip() for part in group.split(","))
        return found

    used = set()
    for page in built_book.rglob("*.html"):
        if "_static" not in page.parts:
            for element in soup(page).select("[class]"):
                used.update(element["class"])
    # Every rule of the theme whose classes all occur on some page must have survived.
    kept = selectors(trimmed)
    needed = {s for s in selectors(original.decode("utf-8")) if classes(s) and classes(s) <= used}
    lost = sorted(needed - kept)
    assert not lost, (
        f"rules the pages need but the trimmed stylesheet lost (rerun scripts/trim_theme.py): {lost[:10]}"
    )
    # Every icon a stylesheet on the site draws is in the subset icon font.
    from fontTools.ttLib import TTFont

    sheets = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in (built_book / "_static").rglob("*.css")
        if "vendor" not in p.parts and not (p.parent.name == "styles" and p.name == "pydata-sphinx-theme.css")
    ]
    wanted = {int(code, 16) for sheet in sheets for code in re.findall(r'"\\([ef][0-9a-f]{3})"', sheet)}
    wanted |= {ord(char) for sheet in sheets for char in re.findall("[\ue000-\uf8ff]", sheet)}
    font = TTFont(ROOT / "book" / "_static" / "theme" / "fa-solid-900.subset.woff")
    solid = TTFont(
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "vendor"
        / "fontawesome"
        / "webfonts"
        / "fa-solid-900.ttf"
    )
    # Brand icons (GitHub, GitLab) live in the brands font, which is left whole.
    missing = sorted(hex(code) for code in (wanted & set(solid.getBestCmap())) - set(font.getBestCmap()))
    assert not missing, f"icons missing from the subset font (rerun scripts/trim_theme.py): {missing}"


def test_the_print_edition_drops_only_emptied_reference_lists():
    """On paper the citations are footnotes: a "References" section left with only its heading
    goes; another section that lost its content (to folded code, say) keeps its heading."""
    from docutils import nodes
    from docutils.utils import new_document

    from giants.sphinx.print_edition import drop_emptied_reference_lists

    document = new_document("chapter")
    for title, body in [("Trade", "Vietnam buys from China."), ("Code folded away", ""), ("References", "")]:
        section = nodes.section(ids=[title.lower().replace(" ", "-")])
        section += nodes.title(text=title)
        if body:
            section += nodes.paragraph(text=body)
        document += section
    assert drop_emptied_reference_lists(document) == 1
    assert [s.next_node(nodes.title).astext() for s in document.findall(nodes.section)] == [
        "Trade",
        "Code folded away",
    ]


def test_the_register_lists_every_claim_check_and_links_to_its_box(built_book, chapter_pages):
    """The evidence chapter's register is built from the boxes: one row a box, each row's link
    lands on its box, and the count of verdicts is right."""
    boxes = {}
    for md, html in chapter_pages.items():
        for box in soup(html).select(".admonition.claim-check"):
            assert box.get("id", "").startswith("claim-"), (
                f"{md.name}: a claim check without a :name: (claim-…), which the register links to"
            )
            boxes[f"{html.relative_to(built_book).as_posix()}#{box['id']}"] = (
                VERDICTS & set(box["class"])
            ).pop()
    page = built_book / "book" / "data.html"
    table = soup(page).select_one("table.claim-register")
    rows = table.select("tbody tr")
    links = {}
    for row in rows:
        href = row.select_one("a.reference.internal")["href"]
        links[(page.parent / href).resolve().relative_to(built_book.resolve()).as_posix()] = row.select("td")[
            2
        ].get_text(strip=True)
    assert len(rows) == len(boxes) and links == boxes, "the register and the boxes disagree"
    counts = soup(page).select_one("#every-claim-the-book-checks").get_text(" ", strip=True)
    assert f"{len(boxes)} claims checked: {sum(v == 'supported' for v in boxes.values())} supported" in counts


def test_every_chart_spec_is_a_file_of_its_own(built_book, chapter_pages):
    """Chart specs leave the page for _static/charts/ (giants.sphinx.charts.move_specs_to_files)."""
    for name, html in pages(chapter_pages):
        for spec in soup(html).select(".giants-chart-spec"):
            assert not spec.get_text(strip=True), f"{name}: a chart spec is still inline"
            assert (built_book / "_static" / spec["data-file"]).exists(), (
                f"{name}: {spec['data-file']} missing"
            )


def test_chart_citations_name_the_book(built_book, chapter_pages):
    """ "Cite this chart" names the book, not Sphinx's placeholder for an unset project."""
    cites = 0
    for name, html in pages(chapter_pages):
        for cite in soup(html).select(".chart-cite em"):
            cites += 1
            assert cite.get_text() == "Vietnam between the giants", (
                f"{name}: chart cited in {cite.get_text()!r}"
            )
    assert cites > 10


def test_only_the_search_page_loads_the_search_index(built_book, chapter_pages):
    """book/_templates/layout.html leaves Sphinx's search scripts and the whole index off the
    pages while search-as-you-type is off: the search dialog submits to search.html."""
    for name, html in pages(chapter_pages):
        scripts = [s["src"] for s in soup(html).select("script[src]")]
        assert not [
            s
            for s in scripts
            if Path(s.split("?")[0]).name in ("searchindex.js", "searchtools.js", "language_data.js")
        ], f"{name} loads the search index"
    search = [s["src"] for s in soup(built_book / "search.html").select("script[src]")]
    assert any(s.endswith("searchindex.js") for s in search) and any("searchtools.js" in s for s in search)


def test_each_page_links_one_stylesheet_made_of_the_files_as_built(built_book, chapter_pages):
    """giants.sphinx.assets.bundle_stylesheets: one render-blocking stylesheet a page, holding
    every stylesheet the page linked, as they stand once the build has finished (the theme
    rewrites pygments.css at that point: a bundle made before would miss its colours)."""
    import re

    from giants.sphinx.assets import flattened_css

    static = built_book / "_static"
    for name, html in [*pages(chapter_pages), ("search.html", built_book / "search.html")]:
        links = soup(html).head.select('link[rel="stylesheet"]')
        assert len(links) == 1 and "giants-styles-" in links[0]["href"], (
            f"{name}: {[link['href'] for link in links]}"
        )
        bundle = (html.parent / links[0]["href"]).resolve().read_text(encoding="utf-8")
        parts = re.findall(r"^/\* ([\w./-]+\.css) \*/$", bundle, re.M)
        assert {"styles/theme.css", "theme/pydata-sphinx-theme.css", "pygments.css", "giants.css"} <= set(
            parts
        )
        assert "@import" not in bundle
        assert bundle == "\n".join(f"/* {p} */\n" + flattened_css(static / p, static) for p in parts), (
            f"{name}: the bundle differs from the stylesheets as built"
        )
