"""What every web page loads, and how: the book's static files, deferred scripts, lazy images,
a description for search engines, and a guard that no page needs MathJax.

Jupyter Book 1 adds every script under a root `_static/` folder to every page, which would
put 800 KB of vega on pages with no chart; the book's static files therefore live in
book/_static and are served from there (`serve_static`).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from giants.sphinx import internals
from giants.sphinx.charts import HTML_BUILDERS

logger = logging.getLogger(__name__)

#: The one script inline page scripts use while the page is parsed
#: (`DOCUMENTATION_OPTIONS.pagename = …`): it must stay synchronous.
SYNCHRONOUS_SCRIPTS = ("documentation_options.js",)


#: giants.css takes a folded solution out of the layout (display: none), so the theme's
#: check, once the page has loaded, of which code blocks are wide enough to scroll (and so
#: need a keyboard tab stop) finds none in it. This repeats the check on a solution's blocks
#: when a reader opens it (a click or Enter on its title; togglebutton has already unfolded it).
TAB_STOPS = """document.addEventListener("click", (event) => {
  const box = event.target.closest && event.target.closest(".admonition.toggle");
  if (box) setTimeout(() => box.querySelectorAll("pre, .cell_output > .output").forEach((el) => {
    el.tabIndex = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight ? 0 : -1;
  }));
});"""


def serve_static(app, config) -> None:
    config.html_static_path.append(str(Path(app.srcdir, config.giants_static_dir)))


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    """sphinx-thebe and sphinx-togglebutton register their inline scripts twice under Jupyter
    Book 1; the second `const THEBE_JS_URL` is a console error on every page. Harmless (a
    no-op) once that is fixed upstream."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The same inline script may come back with filename None or "" (from the pickled env).
        key = (
            getattr(script, "filename", script) or "",
            tuple(sorted(getattr(script, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def defer_scripts(app, pagename, templatename, context, doctree) -> None:
    """A script in <head> without `defer` blocks the first paint; every one the book and its
    extensions add (copy button, toggles, tabs, highlighting) only acts on a parsed page.
    Deferred scripts run in document order, so their dependencies still hold."""
    if pagename == "search":
        return  # its template loads searchtools.js synchronously, which needs doctools.js first
    deferred = []
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", script) or ""
        attributes = dict(getattr(script, "attributes", {}))
        if (
            filename
            and not filename.endswith(SYNCHRONOUS_SCRIPTS)
            and not {"async", "defer"} & set(attributes)
        ):
            script = internals.deferred_script(script, defer="defer")
        deferred.append(script)
    context["script_files"] = deferred


def describe_page(app, pagename, templatename, context, doctree) -> None:
    """Search engines and link previews want a one-sentence summary: the page's first paragraph."""
    if doctree is None:
        return
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) > 60:
            if len(text) > 155:
                text = text[:152].rsplit(" ", 1)[0] + "…"
            context["metatags"] = context.get("metatags", "") + (
                f'\n<meta name="description" content="{html.escape(text, quote=True)}" />'
            )
            return


#: A stylesheet link in a page's <head>, as the theme and Sphinx write them.
STYLESHEET = re.compile(r'[ \t]*<link (?=[^>]*rel="stylesheet")(?![^>]*media=)[^>]*href="([^"]+)"[^>]*>\n?')
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']?([^"\')]+)["\']?\)?\s*;')
CSS_URL = re.compile(r'url\(\s*(["\']?)([^"\')]+)\1\s*\)')
BUNDLE_PREFIX = "giants-styles-"


def flattened_css(path: Path, static: Path) -> str:
    """One stylesheet's text with its @imports inlined (an @import is another round trip
    before the first paint: the theme's theme.css imports basic.css) and its relative url()s
    rewritten to hold from _static/, where the bundle lives."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    text = re.sub(r'@charset\s+"[^"]*";', "", text)
    # Imported sheets are rebased on their own folder: set aside until this one is rebased.
    imported = []

    def set_aside(match: re.Match) -> str:
        imported.append(flattened_css((path.parent / match.group(1)).resolve(), static))
        return f"\0{len(imported) - 1}\0"

    def rebase(match: re.Match) -> str:
        url = match.group(2)
        if re.match(r"^(data:|[a-z]+://|/|#)", url):
            return match.group(0)
        return f'url("{os.path.relpath((path.parent / url).resolve(), static).replace(os.sep, "/")}")'

    text = CSS_URL.sub(rebase, CSS_IMPORT.sub(set_aside, text))
    return re.sub(r"\0(\d+)\0", lambda m: imported[int(m.group(1))], text)


def bundle_stylesheets(app, exception) -> None:
    """Each page's dozen stylesheets as one file, linked where the first one was.

    A page waits for every stylesheet in its <head> before its first paint; twelve files (and
    basic.css, imported by one of them) make a phone on a slow connection queue requests on its
    few connections, where one file of the same bytes arrives in one go (Lighthouse counted 13
    render-blocking requests, an estimated 0.55-0.6 s). The order of the rules is kept, so
    the page looks as before. Run when the build has finished, because Sphinx copies the
    static files after writing the pages; every page is rewritten when any static file
    changes (scripts/build.py), so no page keeps an outdated bundle."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    out, static = Path(app.outdir), Path(app.outdir, "_static")
    used = set()
    for page in out.rglob("*.html"):
        if "_static" in page.relative_to(out).parts:
            continue
        text = page.read_text(encoding="utf-8")
        head_end = text.find("</head>")
        links = [m for m in STYLESHEET.finditer(text, 0, head_end) if not re.match(r"^[a-z]+://", m.group(1))]
        if len(links) < 2:
            used.update(re.findall(rf"{BUNDLE_PREFIX}[0-9a-f]+\.css", text[:head_end]))
            continue
        files = [(page.parent / m.group(1).split("?")[0]).resolve() for m in links]
        css = "\n".join(
            f"/* {f.relative_to(static).as_posix()} */\n" + flattened_css(f, static) for f in files
        )
        name = f"{BUNDLE_PREFIX}{hashlib.sha256(css.encode()).hexdigest()[:16]}.css"
        if not (static / name).exists():
            (static / name).write_text(css, encoding="utf-8")
        used.add(name)
        href = os.path.relpath(static / name, page.parent).replace(os.sep, "/")
        first = links[0]
        pieces, position = [], 0
        for link in links:
            pieces.append(text[position : link.start()])
            if link is first:
                pieces.append(f'    <link rel="stylesheet" type="text/css" href="{href}" />\n')
            position = link.end()
        page.write_text("".join(pieces) + text[position:], encoding="utf-8")
    for old in static.glob(f"{BUNDLE_PREFIX}*.css"):
        if old.name not in used:
            old.unlink()


class LazyImages(SphinxPostTransform):
    """Images on the web pages load when they near the screen (loading="lazy"): a map far
    down a chapter should not slow the first paint of its text."""

    default_priority = 900
    builders = HTML_BUILDERS

    def run(self, **kwargs) -> None:
        for image in self.document.findall(nodes.image):
            image.setdefault("loading", "lazy")


class NoMaths(SphinxPostTransform):
    """The book has no mathematics and ships no MathJax: Sphinx would fetch it from a CDN for
    a page with maths, breaking the offline promise. A page with maths is a build warning
    (so an error), naming the page; usually it is a stray pair of dollar signs."""

    default_priority = 900
    builders = HTML_BUILDERS

    def run(self, **kwargs) -> None:
        for node in self.document.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
            logger.warning(
                "mathematics on a page of a book that ships no MathJax: %r",
                node.astext()[:60],
                location=node,
                type="giants",
                subtype="maths",
            )


def setup(app) -> None:
    app.add_config_value("giants_static_dir", "book/_static", "html")
    app.connect("config-inited", serve_static)
    app.add_css_file("giants.css")
    app.add_js_file(None, body=TAB_STOPS)
    app.connect("html-page-context", describe_page)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", defer_scripts, priority=910)
    # Late: pydata-sphinx-theme rewrites pygments.css (light and dark) when the build finishes.
    app.connect("build-finished", bundle_stylesheets, priority=900)
    app.add_post_transform(LazyImages)
    app.add_post_transform(NoMaths)
