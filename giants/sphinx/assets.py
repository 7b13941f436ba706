"""What every web page loads, and how: the book's static files, deferred scripts, lazy images,
a description for search engines, and a guard that no page needs MathJax.

Jupyter Book 1 adds every script under a root `_static/` folder to every page, which would
put 800 KB of vega on pages with no chart; the book's static files therefore live in
book/_static and are served from there (`serve_static`).
"""

from __future__ import annotations

import html
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
    app.connect("html-page-context", describe_page)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", defer_scripts, priority=910)
    app.add_post_transform(LazyImages)
    app.add_post_transform(NoMaths)
