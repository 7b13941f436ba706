"""Every place the book reaches into Sphinx, Jupyter Book 1 or theme internals, in one module.

Each of these works with the pinned versions and may break on an upgrade. Each names what
would break it and the test that says so, with a message naming the upgrade, before a reader
sees a broken page (tests/test_sphinx_internals.py).

Three reaches live elsewhere, each with its guard: scripts/pdf.py calls Jupyter Book 1's own
`build_sphinx` (test_the_print_edition_can_still_name_its_doctree_folder);
book/_templates/layout.html defers the search scripts by rewriting the theme's `extrahead`
block (test_layout_override_still_defers_the_search_scripts); and
book/_templates/static/webpack-macros.html is a copy of a theme template
(test_theme_template_override_still_matches_the_theme in tests/test_build.py).
"""

from __future__ import annotations

from collections.abc import Iterator


def deferred_script(script, **attributes):
    """The same page script with `defer` (and any other attributes) added.

    Breaks if Sphinx renames or changes `sphinx.builders.html._assets._JavaScript` (private;
    Sphinx 7.4). Guarded by test_deferred_script_keeps_sphinx_script_class.
    """
    from sphinx.builders.html._assets import _JavaScript

    filename = getattr(script, "filename", script) or ""
    merged = {**dict(getattr(script, "attributes", {})), **attributes}
    return _JavaScript(filename, priority=getattr(script, "priority", 500), **merged)


def header_buttons(context: dict) -> Iterator[dict]:
    """Every button sphinx-book-theme puts in a page's header (launch, download, ...).

    Breaks if sphinx-book-theme changes the shape of `header_buttons` (a list of groups, each
    with a list of buttons carrying `label`, `text` and `url`; sphinx-book-theme 1.1).
    Guarded by test_header_buttons_still_have_the_shape_the_book_rewrites.
    """
    for group in context.get("header_buttons", []):
        if isinstance(group, dict):
            yield group
            yield from (button for button in group.get("buttons", []) if isinstance(button, dict))


#: The labels sphinx-book-theme gives the buttons (and the download group) the book rewrites.
DOWNLOAD_GROUP_LABEL = "download-buttons"
DOWNLOAD_NOTEBOOK_LABEL = "download-notebook-button"
LAUNCH_BUTTON_TEXTS = {"binderhub": "Binder", "jupyterhub": "JupyterHub", "colab": "Colab"}


def toc_part_captions(config) -> list[str]:
    """The captions of _toc.yml's parts, in order, as Jupyter Book 1 hands them to Sphinx.

    Breaks if sphinx-external-toc stops storing its parsed toc as `config.external_site_map`
    with `.root.subtrees[].caption` (sphinx-external-toc 1.0). Guarded by
    test_toc_parts_are_still_visible_to_the_print_edition.
    """
    site_map = getattr(config, "external_site_map", None)
    if site_map is None:
        return []
    return [subtree.caption for subtree in site_map.root.subtrees]
