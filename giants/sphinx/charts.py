"""Altair charts in the built book: drawn offline on the web page, vector drawings on paper.

Notebooks keep Altair's standard Vega-Lite output (`application/vnd.vegalite.v5+json`).
`VegaLiteRenderer` is a myst-nb mime render plugin, found through the entry point in
pyproject.toml (if the package is not installed into the environment, the plugin silently
disappears and charts fall back to text: tests/test_build.py counts drawn charts):

* on the web, each chart becomes a container, its spec as inert JSON, its source line as
  text, a CSV download, a citation and a table of its data; giants-charts.js draws it from
  the vendored vega scripts when it nears the screen, and `add_chart_scripts` puts that
  script only on pages that hold a chart. When the page is written, `move_specs_to_files`
  takes each spec out of the HTML into a file of its own under _static/charts/, which the
  script loads only when the chart is drawn (the sea map's spec alone is 75 KB);
* on paper (the latex builder), vl-convert draws it offline as a vector PDF, with its
  title, takeaway and source as a caption note.

A chart that follows the page column keeps a fixed width in the notebook (giants.charts.finish:
"container" renders nothing in JupyterLab); `column_width` gives it "container" here, so the
web page and the print edition see the spec they always did. A figure a chapter displays
as well as glues (giants.figures.show, so that a notebook shows it) is dropped from its
cell: the book shows it once, where its `{glue:figure}` directive puts it.

Both forms go into the document when it is read, each inside an `only` node for its
builder, so the HTML build and the print edition share one reading of the book (one set of
doctrees): `make pdf` after `make book` reads nothing again. (myst-nb likewise keeps every
mime type of an output and picks one per builder when writing.)

A chart without a source line is a build warning, so a build error.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from giants.charts import is_map
from giants.figures import shown_name

MIME = "application/vnd.vegalite.v5+json"
CHART_CLASS = "giants-chart"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
PRINT_BUILDERS = ("latex",)
#: Width in pixels that a chart sized to the page column ("container") gets on paper.
PRINT_WIDTH = 600
#: Where chart specs are written, under the built site's _static/ (beside giants-charts.js).
SPEC_DIR = "charts"
INLINE_SPEC = re.compile(r'<script type="application/json" class="giants-chart-spec">(.*?)</script>', re.S)

logger = logging.getLogger(__name__)


class VegaLiteRenderer:
    """myst-nb plugin: render Vega-Lite outputs as self-contained chart containers."""

    mime_priority_overrides: ClassVar = [(builder, MIME, 1) for builder in HTML_BUILDERS + PRINT_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        if shown_name(data.output_metadata) is not None:
            return []  # a notebook's copy of a glued figure: the book shows it at its directive
        if data.mime_type != MIME or inline:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        spec = column_width(spec)
        source = spec.get("usermeta", {}).get("giants", {}).get("source", "")
        if not source:
            renderer.logger.warning(
                "chart has no source line: finish it with giants.charts.finish(chart, source=…)",
                subtype="chart",
                line=data.line,
            )
        env = renderer.renderer.sphinx_env
        # The citation names the release (_config.yml, written by make release) after the year.
        cite_year = ", version ".join(filter(None, [env.config.copyright, env.config.release])) if env else ""
        # Jupyter Book passes the book's title as html_title; Sphinx's `project` stays unset.
        book = (env.config.html_title or env.config.project, cite_year) if env is not None else ("", "")
        web = addnodes.only(expr="html")
        web += nodes.raw("", chart_html(spec, source, book), format="html")
        paper = addnodes.only(expr="latex")
        paper.extend(print_chart(renderer, spec, source))
        return [web, paper]


def column_width(spec: dict) -> dict:
    """The spec as the book draws it: "container" wide where giants.charts.finish marked it to
    follow the page column, without the mark; any other spec unchanged."""
    mark = spec.get("usermeta", {}).get("giants", {})
    if mark.get("width") != "container":
        return spec
    usermeta = {**spec["usermeta"], "giants": {k: v for k, v in mark.items() if k != "width"}}
    return {**spec, "width": "container", "usermeta": usermeta}


def print_spec(spec: dict) -> dict:
    """The chart as it is drawn on paper: a fixed width, and no title.

    The title and takeaway move into the figure's caption (numbered, and listed with the
    figures), so the drawing does not repeat them.
    """

    def fix_width(node):
        if isinstance(node, dict):
            return {
                key: (PRINT_WIDTH if key == "width" and value == "container" else fix_width(value))
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [fix_width(item) for item in node]
        return node

    from giants.sphinx.print_edition import paper_spec  # (it imports this module)

    printed = paper_spec(fix_width({key: value for key, value in spec.items() if key != "title"}))
    # Vega-Lite cannot size to a container that does not exist: drop its autosize "fit".
    printed.pop("autosize", None)
    return printed


def print_chart(renderer, spec: dict, source: str) -> list[nodes.Node]:
    """The chart as a vector PDF drawn offline, with its title, takeaway and source as text."""
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


def chart_html(spec: dict, source: str, book: tuple[str, str] = ("", "")) -> str:
    """The HTML for one chart: where it is drawn, its spec, its source line, and its reuse.

    `book` is the book's (title, year) for the chart's citation line. Maps may shrink to fit
    a narrow screen (giants.css); other charts keep their size and scroll sideways, because
    Vega's selections misplace a drag on a CSS-scaled drawing.
    """
    kind = f"{CHART_CLASS} {CHART_CLASS}--map" if is_map(spec) else CHART_CLASS
    # Inert JSON in a <script> element: "</" must not end the element early.
    payload = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    source_line = f'<p class="chart-source">Source: {html.escape(source)}</p>' if source else ""
    title = chart_title(spec)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "chart"
    book_title, year = book
    # The CSV link is filled in by giants-charts.js from the chart's own data, so it holds
    # exactly what is drawn; the citation is text, so it survives printing.
    reuse = (
        f'<p class="chart-reuse"><a class="chart-csv" download="{slug}.csv" href="#">'
        f'Download the data (CSV)</a> <span class="chart-cite">Cite this chart: '
        f"“{html.escape(title)}”, in <em>{html.escape(book_title)}</em> ({html.escape(str(year))})"
        f'<span class="chart-cite-url"></span>.</span></p>'
    )
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


def add_chart_scripts(app, pagename, templatename, context, doctree) -> None:
    """Put the book's small chart script on pages that hold a chart, and only on those.

    It fetches vega, vega-lite and vega-embed (named here, relative to itself) after the page
    has loaded, so no page waits for 800 KB of scripts before its text shows.
    """
    if app.builder.name not in HTML_BUILDERS or f'class="{CHART_CLASS}-spec"' not in context.get("body", ""):
        return
    static = Path(app.srcdir, app.config.giants_static_dir)
    app.add_js_file("giants-charts.js", defer="defer", **{"data-vendor": " ".join(vendored_scripts(static))})


def spec_file(payload: str) -> tuple[str, str]:
    """A chart's spec (inline JSON, as `chart_html` writes it) as a script of its own.

    Returns the file's name (its content's digest, so a browser may cache it for good and two
    identical charts share it) and its text: a call `giantsSpec(name, spec)`. A script, not a
    .json file, because the offline bundle is opened from disk, where a page may load a
    script from a neighbouring file but fetch() of one fails (file://).
    """
    name = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20] + ".js"
    return name, f'giantsSpec("{name}",{payload});\n'


def move_specs(body: str, write) -> str:
    """`body` with every inline chart spec replaced by a reference to its file; `write(name,
    text)` stores each file. The empty element keeps its class, so the script finds it."""

    def external(match: re.Match) -> str:
        name, text = spec_file(match.group(1))
        write(name, text)
        return (
            f'<script type="application/json" class="{CHART_CLASS}-spec" '
            f'data-file="{SPEC_DIR}/{name}"></script>'
        )

    return INLINE_SPEC.sub(external, body)


def move_specs_to_files(app, pagename, templatename, context, doctree) -> None:
    """Chart specs out of the page and into _static/charts/: a page's HTML is what its first
    paint waits for, and a chart's data is needed only when the chart is drawn."""
    if app.builder.name not in HTML_BUILDERS or "body" not in context:
        return
    folder = Path(app.outdir, "_static", SPEC_DIR)

    def write(name: str, text: str) -> None:
        path = folder / name
        if not path.exists():  # named by content: an existing file already holds this text
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    context["body"] = move_specs(context["body"], write)


def remove_unused_specs(app, exception) -> None:
    """Drop spec files no page refers to any more (a chart changed or went), so the site and
    the offline bundle carry only what is drawn. Pages not rewritten by this build keep
    theirs: every page's HTML is read, not only this build's."""
    folder = Path(app.outdir, "_static", SPEC_DIR)
    if exception is not None or app.builder.name not in HTML_BUILDERS or not folder.is_dir():
        return
    used = set()
    for page in Path(app.outdir).rglob("*.html"):
        used.update(re.findall(rf'data-file="{SPEC_DIR}/([0-9a-f]+\.js)"', page.read_text(encoding="utf-8")))
    for path in folder.glob("*.js"):
        if path.name not in used:
            path.unlink()
    logger.info("chart specs: %d files in _static/%s", len(used), SPEC_DIR)


def setup(app) -> None:
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", move_specs_to_files, priority=950)
    app.connect("build-finished", remove_unused_specs)
