"""Chapters as runnable notebooks, and launch buttons only for services that are configured.

* Every chapter and assignment is written as an .ipynb under notebooks/ in the built site
  (without solutions in the student edition), its MyST roles rewritten as plain text
  (giants.portable) and a setup cell first (giants.standalone). The page's notebook download
  and its Colab button point at that file: the theme's own would offer the executed teacher
  notebook and a Colab link to a .md file Colab cannot open.
* Launch buttons (Binder, JupyterHub, Colab, live code) appear only when the book's
  repository address is set (`repository.url` in _config.yml), and JupyterHub only when a hub
  is set too: the default configuration ships no button that points nowhere. An address that
  looks like a placeholder is a build warning (so an error).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

from sphinx.util import logging

from giants.sphinx import internals
from giants.sphinx.charts import HTML_BUILDERS

logger = logging.getLogger(__name__)

#: Hosts and words that mark an address nobody has filled in yet.
PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|org|net|edu)|localhost|invalid|test)$")
PLACEHOLDER_WORDS = re.compile(
    r"your[-_]?(org|user|name|repo|hub)|<[^>]*>|\bchangeme\b|placeholder|\bxxx\b|\bowner\b/", re.I
)
#: Launch services that need the book's repository: Thebe starts a Binder of it.
NEEDS_REPOSITORY = ("binderhub_url", "jupyterhub_url", "colab_url", "thebe")


def is_placeholder(url: str) -> bool:
    """True for an address that looks made up: example.* hosts, "your-org", "<user>", ..."""
    host = urlparse(url).hostname or ""
    return bool(PLACEHOLDER_HOSTS.search(host) or PLACEHOLDER_WORDS.search(url))


def repository(config) -> tuple[str, str]:
    options = config.html_theme_options
    return (options.get("repository_url") or "").strip(), options.get("repository_branch") or "main"


def configure_launch_buttons(app, config) -> None:
    """Keep only the launch buttons whose addresses are set; warn about placeholder addresses."""
    url, _ = repository(config)
    buttons = dict(config.html_theme_options.get("launch_buttons") or {})
    if url and is_placeholder(url):
        logger.warning(
            "repository.url in _config.yml looks like a placeholder (%s): set it to the "
            "book's public repository, or leave it empty for a book without launch buttons",
            url,
            type="giants",
            subtype="config",
        )
    hub = buttons.get("jupyterhub_url") or ""
    if hub and is_placeholder(hub):
        logger.warning(
            "launch_buttons.jupyterhub_url in _config.yml looks like a placeholder (%s): set it "
            "to your hub's address or leave it empty",
            hub,
            type="giants",
            subtype="config",
        )
    if not url:
        for key in NEEDS_REPOSITORY:
            buttons.pop(key, None)
    config.html_theme_options["launch_buttons"] = buttons


class NotebookPages:
    """Which pages are notebooks (MyST files with a kernelspec), read once per build."""

    def __init__(self, app):
        self.docs: dict[str, Path] = {}
        for docname in sorted(app.env.found_docs):
            path = Path(app.env.doc2path(docname))
            if path.suffix == ".md" and "kernelspec:" in path.read_text(encoding="utf-8")[:500]:
                self.docs[docname] = path


def _notebook_pages(app) -> NotebookPages:
    pages = getattr(app, "_giants_notebook_pages", None)
    if pages is None:
        pages = app._giants_notebook_pages = NotebookPages(app)
    return pages


def write_notebooks(app, exception) -> None:
    """Write notebooks/<docname>.ipynb for every notebook page whose inputs changed.

    Each notebook records a hash of what it was made from (its chapter, the bibliography, the
    code that makes it, the repository and the edition); an unchanged one is not made again,
    which keeps a rebuild with nothing changed at a few seconds.
    """
    if exception or app.builder.name not in HTML_BUILDERS:
        return
    import nbformat

    import giants.classroom
    import giants.portable
    import giants.standalone

    url, branch = repository(app.config)
    bibfiles = getattr(app.config, "bibtex_bibfiles", None) or []
    student = bool(getattr(app.config, "hide_solutions", False))
    shared = hashlib.sha256(f"{url} {branch} {student}".encode())
    code = [giants.classroom, giants.portable, giants.standalone]
    for path in [*(Path(module.__file__) for module in code), *(Path(app.srcdir, f) for f in bibfiles)]:
        shared.update(path.read_bytes())
    context = None
    for docname, path in _notebook_pages(app).docs.items():
        target = Path(app.outdir) / "notebooks" / f"{docname}.ipynb"
        text = path.read_text(encoding="utf-8")
        made_from = hashlib.sha256(shared.digest() + text.encode("utf-8") + docname.encode()).hexdigest()
        if (
            target.exists()
            and nbformat.read(target, 4).metadata.get("giants", {}).get("made_from") == made_from
        ):
            continue
        if context is None:
            context = giants.portable.Context.load(Path(app.srcdir), bibfiles[0] if bibfiles else None)
        nb = giants.classroom.notebook(
            text, repository=url, branch=branch, student=student, context=context, docname=docname
        )
        nb.metadata["giants"] = {"made_from": made_from}
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)


def point_buttons_at_notebooks(app, pagename, templatename, context, doctree) -> None:
    """The page's .ipynb download and its Colab button open the generated notebook.

    The theme offers the .ipynb download only on pages with launch buttons; the generated
    notebook is worth downloading on every chapter, so the book adds it where it is missing.
    """
    if pagename not in _notebook_pages(app).docs:
        return
    url, _ = repository(app.config)
    github = url.rstrip("/").removeprefix("https://github.com/")
    colab = (app.config.html_theme_options.get("launch_buttons") or {}).get("colab_url", "")
    notebook_url = context["pathto"](f"notebooks/{pagename}.ipynb", 1)
    for button in list(internals.header_buttons(context)):
        if button.get("label") == internals.DOWNLOAD_GROUP_LABEL:
            labels = [b.get("label") for b in button.get("buttons", [])]
            if internals.DOWNLOAD_NOTEBOOK_LABEL not in labels:
                button["buttons"].insert(
                    0,
                    {
                        "type": "link",
                        "url": notebook_url,
                        "text": ".ipynb",
                        "icon": "fas fa-code",
                        "tooltip": "Download notebook file",
                        "label": internals.DOWNLOAD_NOTEBOOK_LABEL,
                    },
                )
        if button.get("label") == internals.DOWNLOAD_NOTEBOOK_LABEL:
            button["url"] = notebook_url
        if button.get("text") == internals.LAUNCH_BUTTON_TEXTS["colab"] and colab:
            button["url"] = (
                f"{colab}/github/{github}/blob/{app.config.giants_pages_branch}/notebooks/{pagename}.ipynb"
            )


def setup(app) -> None:
    # The branch the published site is deployed to: Colab opens the notebooks from it.
    app.add_config_value("giants_pages_branch", "gh-pages", "html")
    app.connect("config-inited", configure_launch_buttons)
    app.connect("html-page-context", point_buttons_at_notebooks, priority=950)
    app.connect("build-finished", write_notebooks)
