"""A chapter's figures, shown wherever the chapter runs.

    from giants.figures import show
    show("fig-trade", charts.finish(chart, source=..., alt_text=...))

The book places each figure with a `{glue:figure}` directive, which gives it its caption and
number; that needs the figure glued (myst-nb) and not displayed where it was made. A student
running the chapter in JupyterLab, Binder, Colab or a generated notebook has no such
directive, so `show` also displays the figure in its cell. The display carries a mark in its
output metadata (`SHOWN`), and the book's build drops marked outputs
(giants.sphinx.charts.VegaLiteRenderer), so the web page and the print edition still show
each figure once, at its directive.
"""

from __future__ import annotations

#: Key of the mark in a displayed figure's output metadata: {"giants": {SHOWN: name}}.
SHOWN = "shown"


def show(name: str, figure) -> None:
    """Glue `figure` under `name` for the book, and display it for whoever runs the notebook.

    Without myst-nb (a notebook run outside the book's environment) the figure is only
    displayed: nothing would read the glued copy there.
    """
    from IPython.display import display

    try:
        from myst_nb import glue
    except ImportError:
        pass
    else:
        glue(name, figure, display=False)
    display(figure, metadata={"giants": {SHOWN: name}})


def shown_name(output_metadata: dict | None) -> str | None:
    """The figure name a notebook output was displayed under by `show`, or None."""
    mark = (output_metadata or {}).get("giants")
    return mark.get(SHOWN) if isinstance(mark, dict) else None


def web_copy(name: str, figure) -> None:
    """Glue a web page's own rendering of a figure the notebook already shows (the sea map
    drawn for a phone's column, say), without displaying it: a notebook reader has the figure.
    The chapter places it inside an `{only} html` block."""
    try:
        from myst_nb import glue
    except ImportError:
        return
    glue(name, figure, display=False)
