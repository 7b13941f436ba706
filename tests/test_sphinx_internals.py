"""The internals the book's Sphinx extension leans on are still there (giants.sphinx.internals).

Each test fails with a message that names the upgrade and the code to change, before a reader
sees a broken page: scripts that block the first paint, a download button that serves the
teacher's answers, a print edition without its parts.
"""

import inspect
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from giants.sphinx import internals
from giants.toc import ROOT


def test_deferred_script_keeps_sphinx_script_class():
    try:
        script = internals.deferred_script("giants-charts.js", defer="defer")
    except (ImportError, TypeError) as error:
        pytest.fail(
            f"Sphinx changed its private script class (sphinx.builders.html._assets._JavaScript): "
            f"update giants.sphinx.internals.deferred_script ({error})"
        )
    assert script.filename == "giants-charts.js" and script.attributes.get("defer") == "defer"
    assert script.priority == 500


def test_header_buttons_still_have_the_shape_the_book_rewrites():
    import sphinx_book_theme.header_buttons as buttons
    from sphinx_book_theme.header_buttons import launch

    source = inspect.getsource(buttons) + inspect.getsource(launch)
    assert f'"label": "{internals.DOWNLOAD_NOTEBOOK_LABEL}"' in source, (
        "sphinx-book-theme no longer labels its notebook download button "
        f"{internals.DOWNLOAD_NOTEBOOK_LABEL!r}: update giants.sphinx.internals"
    )
    assert f'"label": "{internals.DOWNLOAD_GROUP_LABEL}"' in source, (
        f"sphinx-book-theme renamed its download group {internals.DOWNLOAD_GROUP_LABEL!r}"
    )
    for text in internals.LAUNCH_BUTTON_TEXTS.values():
        assert f'"text": "{text}"' in source, f"sphinx-book-theme renamed its {text} launch button"
    assert 'context["header_buttons"]' in source, (
        "sphinx-book-theme no longer keeps header_buttons in the context"
    )
    context = {
        "header_buttons": [{"type": "group", "buttons": [{"label": "download-notebook-button", "url": "x"}]}]
    }
    assert [b.get("label") for b in internals.header_buttons(context)] == [None, "download-notebook-button"]


def test_toc_parts_are_still_visible_to_the_print_edition():
    from sphinx_external_toc import events
    from sphinx_external_toc.parsing import parse_toc_yaml

    assert "config.external_site_map = site_map" in inspect.getsource(events), (
        "sphinx-external-toc no longer stores the parsed toc as config.external_site_map: "
        "update giants.sphinx.internals.toc_part_captions (the print edition's part pages)"
    )

    class Config:
        external_site_map = parse_toc_yaml(ROOT / "_toc.yml")

    parts = [part["caption"] for part in yaml.safe_load((ROOT / "_toc.yml").read_text())["parts"]]
    assert internals.toc_part_captions(Config) == parts


def test_layout_override_still_defers_the_search_scripts(built_book):
    """book/_templates/layout.html rewrites the theme's extrahead block; every script in a page's
    <head> but documentation_options.js must come out deferred."""
    template = (ROOT / "book" / "_templates" / "layout.html").read_text()
    assert '{% extends "!layout.html" %}' in template and "block extrahead" in template
    page = BeautifulSoup((built_book / "book" / "the-sea.html").read_text(encoding="utf-8"), "html.parser")
    blocking = [
        s["src"]
        for s in page.head.select("script[src]")
        if not s.has_attr("defer")
        and not s.has_attr("async")
        and Path(s["src"].split("?")[0]).name != "documentation_options.js"
    ]
    assert not blocking, f"scripts that block the first paint (theme or Sphinx changed?): {blocking}"
    assert page.head.select('script[src*="searchtools"][defer], script[src*="sphinx_highlight"][defer]'), (
        "the search scripts are no longer deferred by book/_templates/layout.html"
    )


def test_no_module_outside_internals_imports_a_private_name():
    """Reaches into private modules stay in one place, where the tests above watch them."""
    for path in (ROOT / "giants" / "sphinx").glob("*.py"):
        if path.name == "internals.py":
            continue
        private = re.findall(r"^\s*(?:from|import) [\w.]*\._\w+", path.read_text(), re.M)
        assert not private, f"{path.name} imports a private module: move it to giants/sphinx/internals.py"


def test_the_print_edition_can_still_name_its_doctree_folder():
    """scripts/pdf.py calls Jupyter Book 1's own build_sphinx (its CLI has no doctree option)
    to write the LaTeX from the HTML build's doctrees."""
    from jupyter_book.sphinx import build_sphinx

    parameters = inspect.signature(build_sphinx).parameters
    assert {"doctreedir", "builder", "confoverrides", "path_config"} <= set(parameters), (
        "jupyter_book.sphinx.build_sphinx changed its arguments: update scripts/pdf.py"
    )
