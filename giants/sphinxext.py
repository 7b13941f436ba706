"""Draw the book's Altair charts in the built HTML from vendored scripts, with no network.

Two small pieces, both registered by the project itself:

* `VegaLiteRenderer`, a myst-nb mime render plugin (entry point in pyproject.toml). Notebooks
  keep Altair's standard Vega-Lite output; at build time this turns each one into a chart
  container, its spec as inert JSON, and the chart's source line as real text under it.
* `setup()`, a Sphinx extension (listed in _config.yml). It serves book/_static, adds the
  book's stylesheet, and adds the vendored vega scripts only to the pages that hold a chart:
  Jupyter Book would add every script under the root _static/ folder to every page.
  It also writes every chapter as a runnable .ipynb under notebooks/ (without solutions in the
  student edition) and points the page's .ipynb download and Colab button at it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from giants.charts import is_map

MIME = "application/vnd.vegalite.v5+json"
CHART_CLASS = "giants-chart"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
#: The print edition (make pdf): every chart becomes a vector image drawn offline by vl-convert.
PRINT_BUILDERS = ("latex",)
#: Width in pixels that a chart sized to the page column ("container") gets on paper.
PRINT_WIDTH = 600
BOOK_TITLE, BOOK_YEAR = "Vietnam between the giants", 2026


class VegaLiteRenderer:
    """myst-nb plugin: render Vega-Lite outputs as self-contained chart containers."""

    mime_priority_overrides = [(builder, MIME, 1) for builder in HTML_BUILDERS + PRINT_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        if data.mime_type != MIME or inline:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        source = spec.get("usermeta", {}).get("giants", {}).get("source", "")
        if not source:
            renderer.logger.warning(
                "chart has no source line: finish it with giants.charts.finish(chart, source=…)",
                subtype="chart", line=data.line,
            )
        env = renderer.renderer.sphinx_env
        if env is not None and env.app.builder.name in PRINT_BUILDERS:
            return print_chart(renderer, spec, source)
        return [nodes.raw("", chart_html(spec, source), format="html")]


def print_spec(spec: dict) -> dict:
    """The chart as it is drawn on paper: a fixed width, and no title.

    The title and takeaway move into the figure's caption (numbered, and listed with the
    figures), so the drawing does not repeat them.
    """
    def fix_width(node):
        if isinstance(node, dict):
            return {key: (PRINT_WIDTH if key == "width" and value == "container" else fix_width(value))
                    for key, value in node.items()}
        if isinstance(node, list):
            return [fix_width(item) for item in node]
        return node

    printed = fix_width({key: value for key, value in spec.items() if key != "title"})
    # Vega-Lite cannot size to a container that does not exist: drop its autosize "fit".
    printed.pop("autosize", None)
    return printed


def print_chart(renderer, spec: dict, source: str) -> list[nodes.Node]:
    """The chart as a vector PDF drawn offline, with its title, takeaway and source as text."""
    import hashlib

    import altair as alt
    import vl_convert

    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    # No allowed base URLs: the book's charts carry their data inline, and printing must not
    # reach the network.
    pdf = vl_convert.vegalite_to_pdf(print_spec(spec), vl_version=version, allowed_base_urls=[])
    name = f"chart-{hashlib.sha256(pdf).hexdigest()[:16]}.pdf"
    uri = renderer.write_file([name], pdf, overwrite=False, exists_ok=True)
    # Sphinx scales a drawing wider than the text block down to it, never up.
    image = nodes.image(uri=uri, alt=spec.get("description", ""))
    title = spec.get("title", {})
    subtitle = title.get("subtitle", "") if isinstance(title, dict) else ""
    subtitle = " ".join(subtitle) if isinstance(subtitle, list) else subtitle
    note = nodes.paragraph(classes=["chart-print-note"])
    note += nodes.strong(text=chart_title(spec) + ". ")
    if subtitle:
        note += nodes.Text(subtitle + " ")
    if source:
        note += nodes.emphasis(text=f"Source: {source}")
    return [image, note]


def chart_html(spec: dict, source: str) -> str:
    """The HTML for one chart: where it is drawn, its spec, and its source line.

    Maps may shrink to fit a narrow screen (giants.css); other charts keep their size and
    scroll sideways, because Vega's selections misplace a drag on a CSS-scaled drawing.
    """
    kind = f"{CHART_CLASS} {CHART_CLASS}--map" if is_map(spec) else CHART_CLASS
    # Inert JSON in a <script> element: "</" must not end the element early.
    payload = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    source_line = f'<p class="chart-source">Source: {html.escape(source)}</p>' if source else ""
    title = chart_title(spec)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "chart"
    # The CSV link is filled in by giants-charts.js from the chart's own data, so it holds
    # exactly what is drawn; the citation is text, so it survives printing.
    reuse = (f'<p class="chart-reuse"><a class="chart-csv" download="{slug}.csv" href="#">'
             f'Download the data (CSV)</a> <span class="chart-cite">Cite this chart: '
             f'“{html.escape(title)}”, in <em>{BOOK_TITLE}</em> ({BOOK_YEAR})'
             f'<span class="chart-cite-url"></span>.</span></p>')
    return (
        f'<div class="{kind}">'
        f'<div class="{CHART_CLASS}-view"></div>'
        f'<script type="application/json" class="{CHART_CLASS}-spec">{payload}</script>'
        f"{source_line}{reuse}"
        f'<details class="chart-table"><summary>The data as a table</summary>'
        f"<p>The table is built from the chart's data when this is opened.</p></details></div>"
    )


def chart_title(spec: dict) -> str:
    """The chart's title as one line of text."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def vendored_scripts(static_dir: Path) -> list[str]:
    """The vendored vega scripts, in load order, as paths under _static/."""
    versions = json.loads((static_dir / "vendor" / "VERSIONS.json").read_text())
    return [f"vendor/{versions[name]['file']}" for name in ("vega", "vega-lite", "vega-embed")]


def _serve_static(app, config) -> None:
    static = Path(app.srcdir, config.giants_static_dir)
    config.html_static_path.append(str(static))


def _add_chart_scripts(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name not in HTML_BUILDERS or f'class="{CHART_CLASS}-spec"' not in context.get("body", ""):
        return
    # Only the book's small chart script is on the page; it fetches vega, vega-lite and
    # vega-embed (named here, relative to itself) after the page has loaded.
    static = Path(app.srcdir, app.config.giants_static_dir)
    app.add_js_file("giants-charts.js", defer="defer", **{"data-vendor": " ".join(vendored_scripts(static))})


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    # sphinx-thebe and sphinx-togglebutton register their inline scripts twice under
    # Jupyter Book 1; the second `const THEBE_JS_URL` is a console error on every page.
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The same inline script may come back with filename None or "" (from the pickled env).
        key = (getattr(script, "filename", script) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


#: The one script inline page scripts use while the page is parsed
#: (`DOCUMENTATION_OPTIONS.pagename = …`): it must stay synchronous.
SYNCHRONOUS_SCRIPTS = ("documentation_options.js",)


def _defer_scripts(app, pagename, templatename, context, doctree) -> None:
    # A script in <head> without `defer` blocks the first paint; every one the book and its
    # extensions add (copy button, toggles, tabs, highlighting) only acts on a parsed page.
    # Deferred scripts run in document order, so their dependencies still hold.
    from sphinx.builders.html._assets import _JavaScript

    if pagename == "search":
        return  # its template loads searchtools.js synchronously, which needs doctools.js first
    deferred = []
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", script) or ""
        attributes = dict(getattr(script, "attributes", {}))
        if filename and not filename.endswith(SYNCHRONOUS_SCRIPTS) and not {"async", "defer"} & set(attributes):
            script = _JavaScript(filename, priority=getattr(script, "priority", 500), **attributes, defer="defer")
        deferred.append(script)
    context["script_files"] = deferred


def _notebook_docs(app) -> dict[str, Path]:
    """Chapters and assignments that are notebooks (MyST files with a kernelspec)."""
    docs = {}
    for docname in sorted(app.env.found_docs):
        path = Path(app.env.doc2path(docname))
        if path.suffix == ".md" and "kernelspec:" in path.read_text(encoding="utf-8")[:500]:
            docs[docname] = path
    return docs


def _repository(app) -> tuple[str, str]:
    options = app.config.html_theme_options
    return options.get("repository_url", ""), options.get("repository_branch", "main")


def _write_notebooks(app, exception) -> None:
    if exception or app.builder.name not in HTML_BUILDERS:
        return
    import nbformat

    from giants.classroom import notebook

    repository, branch = _repository(app)
    for docname, path in _notebook_docs(app).items():
        target = Path(app.outdir) / "notebooks" / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = notebook(path.read_text(encoding="utf-8"), repository=repository, branch=branch,
                      student=app.config.hide_solutions)
        nbformat.write(nb, target)


def _point_buttons_at_notebooks(app, pagename, templatename, context, doctree) -> None:
    # The theme links Colab to the chapter's .md in the repository, which Colab cannot open,
    # and offers the executed notebook (with the teacher's solutions) for download. Both now
    # point at the generated notebook: Colab through the published site's branch.
    if pagename not in _notebook_docs(app):
        return
    url, _ = _repository(app)
    github = url.rstrip("/").removeprefix("https://github.com/")
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            if button.get("label") == "download-notebook-button":
                button["url"] = context["pathto"](f"notebooks/{pagename}.ipynb", 1)
            if button.get("text") == "Colab":
                button["url"] = (f"{app.config.html_theme_options.get('launch_buttons', {}).get('colab_url')}"
                                 f"/github/{github}/blob/{app.config.giants_pages_branch}/notebooks/{pagename}.ipynb")


def _describe_page(app, pagename, templatename, context, doctree) -> None:
    # Search engines and link previews want a one-sentence summary: the page's first paragraph.
    if doctree is None:
        return
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) > 60:
            if len(text) > 155:
                text = text[:152].rsplit(" ", 1)[0] + "…"
            context["metatags"] = context.get("metatags", "") + (
                f'\n<meta name="description" content="{html.escape(text, quote=True)}" />')
            return


class PrintEdition(SphinxPostTransform):
    """Shape the assembled print edition (make pdf) like a book.

    Sphinx would turn each section of the introduction into a chapter of its own and drop
    the toc's parts. Here the introduction becomes one unnumbered chapter, each part of
    _toc.yml opens with a LaTeX part page, and code the web page folds away (cells tagged
    hide-input, hide-output or hide-cell) is left off the paper: the notebooks keep it. The
    chapters' citations are footnotes on paper; one bibliography closes the book.
    """

    default_priority = 10
    builders = PRINT_BUILDERS

    def run(self, **kwargs) -> None:
        self._drop_folded_code()
        if self.app.project.path2doc(self.document["source"]) == self.config.root_doc:
            self._chapters_and_parts()

    def _drop_folded_code(self) -> None:
        folded = {"tag_hide-input": "cell_input", "tag_hide-output": "cell_output"}
        for cell in list(self.document.findall(nodes.container)):
            classes = cell.get("classes", [])
            if "tag_hide-cell" in classes:
                cell.parent.remove(cell)
                continue
            for tag, part in folded.items():
                if tag in classes:
                    for child in [c for c in cell.children if part in c.get("classes", [])]:
                        cell.remove(child)

    def _chapters_and_parts(self) -> None:
        top = next(iter(self.document.findall(nodes.section)))
        wrappers = [c for c in top.children if isinstance(c, nodes.compound) and "toctree-wrapper" in c["classes"]]
        intro = nodes.section(ids=["giants-print-introduction"])
        intro += nodes.title(text="Introduction")
        for child in [c for c in top.children[1:] if c not in wrappers]:
            top.remove(child)
            intro += child
        # An unnumbered chapter that still enters the contents: numbering off around it.
        top.insert(1, nodes.raw("", r"\setcounter{secnumdepth}{-1}", format="latex"))
        top.insert(2, intro)
        top.insert(3, nodes.raw("", r"\setcounter{secnumdepth}{2}", format="latex"))
        site_map = getattr(self.config, "external_site_map", None)
        captions = [subtree.caption for subtree in site_map.root.subtrees] if site_map else []
        for wrapper, caption in zip(wrappers, captions):
            if caption:
                wrapper.parent.insert(wrapper.parent.index(wrapper),
                                      nodes.raw("", rf"\part{{{caption}}}", format="latex"))
        top += nodes.raw("", r"\setcounter{secnumdepth}{-1}", format="latex")
        top += self._bibliography()

    def _bibliography(self) -> nodes.section:
        """Every work in references.bib, in the style of the book's footnotes, as a chapter."""
        import pybtex.database
        import pybtex_docutils
        from pybtex.plugin import find_plugin

        data = pybtex.database.parse_file(str(Path(self.app.srcdir, self.config.bibtex_bibfiles[0])))
        style = find_plugin("pybtex.style.formatting", self.config.bibtex_default_style)()
        backend = pybtex_docutils.Backend()
        chapter = nodes.section(ids=["giants-print-bibliography"])
        chapter += nodes.title(text="Bibliography")
        chapter += nodes.paragraph(text="Every work the book cites, by author. On the web, each chapter "
                                        "lists the works it cites at its end.")
        for entry in style.format_bibliography(data):
            chapter += backend.paragraph(entry)
        return chapter


class PrintReferences(SphinxPostTransform):
    """Drop the chapters' emptied "References" sections from the print edition.

    On the web each chapter lists the works it cites under "References"; on paper those
    citations are footnotes where they are made (Sphinx moves them there first, hence the
    late priority), and one bibliography follows the last chapter (PrintEdition).
    """

    default_priority = 700
    builders = PRINT_BUILDERS

    def run(self, **kwargs) -> None:
        from sphinx.builders.latex.nodes import footnotemark

        for section in list(self.document.findall(nodes.section)):
            title = section.next_node(nodes.title)
            if title is not None and section.astext().strip() == title.astext().strip():
                section.parent.remove(section)
        # Two sources cited together would print as one number ("910"): separate the marks.
        marks = (nodes.footnote, footnotemark)
        for mark in list(self.document.findall(lambda node: isinstance(node, marks))):
            following = mark.next_node(descend=False, siblings=True, ascend=False)
            if isinstance(following, marks):
                mark.parent.insert(mark.parent.index(mark) + 1,
                                   nodes.raw("", r"\textsuperscript{,}", format="latex"))


#: Letters that, in this book, only Vietnamese uses: đ, ă, ơ, ư, ĩ, ũ, the circumflex vowels
#: (English has none; French loanwords like "rôle" do not occur) and the vowels with tone
#: marks of Unicode's Vietnamese block.
VIETNAMESE_LETTER = re.compile(r"[đĐăĂơƠưƯĩĨũŨâÂêÊôÔ\u1EA0-\u1EF9]")
#: A syllable that may sit inside a Vietnamese name without a Vietnamese-only letter ("Nam",
#: "Phú", "Lâm"): short, and letters only.
SYLLABLE = re.compile(r"^[A-Za-zàáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]{1,6}$")
#: English words that are also possible syllables, never taken as Vietnamese.
ENGLISH = frozenset("""a an and as at be by for from in is it its of on or the to via was
    with who what new one two but not are were has had his her
    China US UN Asia Hanoi Saigon""".split())
CHINESE = re.compile(r"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]+")


def language_runs(text: str) -> list[tuple[str, str | None]]:
    """Split text into runs tagged "vi", "zh" or None (the page's English).

    A Vietnamese run starts and ends with a word holding a Vietnamese-only letter and may
    take in short syllables between or beside them ("Việt Nam", "Đảo Phú Lâm"); a Chinese run
    is a run of CJK characters. Screen readers switch voice on the lang attribute.
    """
    runs: list[tuple[str, str | None]] = []
    position = 0
    marks = [(m.start(), m.end(), "zh") for m in CHINESE.finditer(text)]
    words = list(re.finditer(r"[^\W\d_]+", text))
    i = 0
    while i < len(words):
        if not VIETNAMESE_LETTER.search(words[i].group()):
            i += 1
            continue
        start = end = i
        # Take in neighbours joined by one space: Vietnamese words, or possible syllables.
        while start > 0 and text[words[start - 1].end():words[start].start()] == " " and _syllable(words[start - 1].group(), leading=True):
            start -= 1
        while end + 1 < len(words) and text[words[end].end():words[end + 1].start()] == " " and (
                VIETNAMESE_LETTER.search(words[end + 1].group()) or _syllable(words[end + 1].group())):
            end += 1
        # A run does not end on a plain lower-case word ("Việt and"): trim back to a real one.
        while end > i and not VIETNAMESE_LETTER.search(words[end].group()) and re.fullmatch("[a-z]+", words[end].group()):
            end -= 1
        marks.append((words[start].start(), words[end].end(), "vi"))
        i = end + 1
    for begin, finish, language in sorted(marks):
        if begin < position:
            continue
        if begin > position:
            runs.append((text[position:begin], None))
        runs.append((text[begin:finish], language))
        position = finish
    if position < len(text):
        runs.append((text[position:], None))
    return runs


def _syllable(word: str, leading: bool = False) -> bool:
    if word in ENGLISH or word.lower() in ENGLISH or not SYLLABLE.match(word):
        return False
    # Before a Vietnamese word only a capitalised syllable belongs to it (a name's first part).
    return word[0].isupper() if leading else True


class LazyImages(SphinxPostTransform):
    """Images on the web pages load when they near the screen (loading="lazy"): a map far
    down a chapter should not slow the first paint of its text."""

    default_priority = 900
    builders = HTML_BUILDERS

    def run(self, **kwargs) -> None:
        for image in self.document.findall(nodes.image):
            image.setdefault("loading", "lazy")


class LanguageSpans(SphinxPostTransform):
    """Mark Vietnamese and Chinese words on the web pages with their language (lang="vi",
    lang="zh"), so that screen readers pronounce them as such. Code and outputs are left alone."""

    default_priority = 900
    builders = HTML_BUILDERS

    def run(self, **kwargs) -> None:
        skip = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.Invisible)
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or any(isinstance(node, skip) for node in _ancestors(text)):
                continue
            runs = language_runs(str(text))
            if all(language is None for _, language in runs):
                continue
            replacement = [nodes.Text(segment) if language is None
                           else nodes.inline(segment, segment, classes=[f"language-{language}"])
                           for segment, language in runs]
            parent.replace(text, replacement)


def _ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def setup(app):
    app.add_config_value("giants_static_dir", "book/_static", "html")
    app.add_config_value("giants_pages_branch", "gh-pages", "html")
    app.connect("build-finished", _write_notebooks)
    app.connect("html-page-context", _describe_page)
    app.connect("html-page-context", _point_buttons_at_notebooks, priority=950)
    app.connect("config-inited", _serve_static)
    app.add_post_transform(PrintEdition)
    app.add_post_transform(PrintReferences)
    app.add_post_transform(LanguageSpans)
    app.add_post_transform(LazyImages)
    app.connect("html-page-context", _add_chart_scripts)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", _defer_scripts, priority=910)
    app.add_css_file("giants.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
