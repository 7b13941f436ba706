"""The book's Sphinx extension (listed in _config.yml as `giants.sphinx`), one module per concern.

| module            | what it does                                                          | hooks                                  |
|-------------------|-----------------------------------------------------------------------|----------------------------------------|
| `charts`          | Altair outputs drawn offline from vendored vega (web), vector PDF (paper) | myst-nb mime plugin (pyproject entry point), html-page-context |
| `assets`          | the book's static files and stylesheet; scripts deferred; lazy images; page descriptions; no maths | config-inited, html-page-context, post-transform |
| `notebooks`       | each chapter as a runnable .ipynb under notebooks/; launch buttons only for configured services | config-inited, html-page-context, build-finished |
| `print_edition`   | the print edition's parts, introduction, footnoted citations, bibliography; no screen-only wording on paper | post-transforms (latex builder only)   |
| `language`        | Vietnamese and Chinese words marked with lang="vi" / lang="zh"        | post-transform (html builders only)    |
| `bibstyle`        | the bibliography style: pybtex's alpha with titles kept as written   | registers a pybtex style plugin       |
| `claims`          | `{claim-register}`: the table of every claim check, read from the chapters | directive (notes each chapter as a dependency) |
| `internals`       | every reach into Sphinx, Jupyter Book 1 or theme internals, in one place | (used by the modules above)          |

What leans on internals that an upgrade can break is in `internals`, each with the test that
fails, with a message naming the upgrade, when it changes (tests/test_sphinx_internals.py).
"""

from __future__ import annotations

from giants.sphinx import assets, bibstyle, charts, claims, language, notebooks, print_edition


def setup(app):
    for part in (bibstyle, assets, charts, claims, notebooks, print_edition, language):
        part.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "2"}
