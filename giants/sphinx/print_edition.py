"""The print edition (make pdf): the assembled LaTeX document shaped like a book.

Only the latex builder runs these transforms; the web pages never see them.

Sentences that only make sense on a screen ("hover over a feature", "drag across the strip")
are written in the chapters inside an `only` block for the web, with the paper's wording, where
one is needed, in an `only` block for print (standard Sphinx; the generated notebooks keep the
web wording, giants.portable):

    ```{only} html
    Hover over a feature for its names.
    ```

    ```{only} latex
    The features' names are in data/features.csv.
    ```

A chart's subtitle is written once, for the web; on paper it becomes part of the figure's
caption note (giants.sphinx.charts), and `paper_wording` leaves out its clauses that address a
screen (`PrintChartNotes`); titles inside a drawing are shortened the same way (`paper_spec`).
tests/test_pdf.py fails if the PDF still tells its reader to do any of `SCREEN_ACTIONS`.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from giants.sphinx import internals
from giants.sphinx.charts import PRINT_BUILDERS

#: The heading each chapter puts over its {footbibliography} (the web page's reference list).
REFERENCES_HEADING = "References"

#: What a reader can do on a screen and not on paper, as whole words ("dragon" is not "drag").
SCREEN_ACTIONS = re.compile(r"\b(hover|click|drag|scroll|tap|zoom)\b", re.I)
#: A subtitle's clauses: each ends with a full stop, a semicolon or a colon followed by a space
#: or the end ("3.5" is no end), or at the end of the text.
_CLAUSE = re.compile(r".+?(?:[.;:!?]+(?=\s|$)\s*|$)", re.S)


class PrintEdition(SphinxPostTransform):
    """Parts, an unnumbered introduction, no folded code, one bibliography at the end.

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
        wrappers = [
            c for c in top.children if isinstance(c, nodes.compound) and "toctree-wrapper" in c["classes"]
        ]
        intro = nodes.section(ids=["giants-print-introduction"])
        intro += nodes.title(text="Introduction")
        for child in [c for c in top.children[1:] if c not in wrappers]:
            top.remove(child)
            intro += child
        # An unnumbered chapter that still enters the contents: numbering off around it.
        top.insert(1, nodes.raw("", r"\setcounter{secnumdepth}{-1}", format="latex"))
        top.insert(2, intro)
        top.insert(3, nodes.raw("", r"\setcounter{secnumdepth}{2}", format="latex"))
        for wrapper, caption in zip(wrappers, internals.toc_part_captions(self.config)):
            if caption:
                wrapper.parent.insert(
                    wrapper.parent.index(wrapper), nodes.raw("", rf"\part{{{caption}}}", format="latex")
                )
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
        chapter += nodes.paragraph(
            text="Every work the book cites, by author. On the web, each chapter "
            "lists the works it cites at its end."
        )
        for entry in style.format_bibliography(data):
            chapter += backend.paragraph(entry)
        return chapter


def drop_emptied_reference_lists(document: nodes.document) -> int:
    """Remove each chapter's "References" section once its list has become footnotes.

    Only a section headed "References" with nothing left under its heading goes: a section
    that lost its content for another reason (folded code, say) keeps its heading.
    Returns how many were removed.
    """
    removed = 0
    for section in list(document.findall(nodes.section)):
        title = section.next_node(nodes.title)
        if (
            title is not None
            and title.astext().strip() == REFERENCES_HEADING
            and section.astext().strip() == title.astext().strip()
        ):
            section.parent.remove(section)
            removed += 1
    return removed


def paper_wording(text: str, end: str = ".") -> str:
    """A chart's subtitle or title without its clauses that address a screen.

    "12 events; drag across the strip to zoom." -> "12 events." A clause is what lies between
    full stops, semicolons or colons; when the last clause kept ended with a semicolon or a
    colon, `end` takes its place ("Whole period: drag to zoom" -> "Whole period" with end="").
    """
    kept = [
        clause for clause in _CLAUSE.findall(text) if clause.strip() and not SCREEN_ACTIONS.search(clause)
    ]
    wording = "".join(kept).rstrip()
    return wording[:-1] + end if wording.endswith((";", ":")) else wording


def paper_spec(spec):
    """A Vega-Lite spec whose titles (a strip's "drag to zoom the view above", say) say
    nothing a page cannot do; giants.sphinx.charts draws the print edition's charts from it."""
    if isinstance(spec, list):
        return [paper_spec(item) for item in spec]
    if not isinstance(spec, dict):
        return spec
    printed = {key: paper_spec(value) for key, value in spec.items()}
    title = printed.get("title")
    if isinstance(title, str):
        printed["title"] = paper_wording(title, end="")
    elif isinstance(title, dict):
        for key in ("text", "subtitle"):
            if isinstance(title.get(key), str):
                title[key] = paper_wording(title[key], end="")
            elif isinstance(title.get(key), list):
                title[key] = [line for line in (paper_wording(line, end="") for line in title[key]) if line]
    return printed


class PrintChartNotes(SphinxPostTransform):
    """Each chart's caption note on paper, without the subtitle's instructions for the screen."""

    default_priority = 10
    builders = PRINT_BUILDERS

    def run(self, **kwargs) -> None:
        for note in list(self.document.findall(nodes.paragraph)):
            if "chart-print-note" not in note.get("classes", []):
                continue
            for text in [child for child in note.children if isinstance(child, nodes.Text)]:
                if SCREEN_ACTIONS.search(text):
                    wording = paper_wording(text.astext())
                    note.replace(text, nodes.Text(wording + " " if wording else ""))


class PrintReferences(SphinxPostTransform):
    """Footnoted citations on paper, and no empty "References" sections.

    On the web each chapter lists the works it cites under "References"; on paper those
    citations are footnotes where they are made (Sphinx moves them there first, hence the
    late priority), and one bibliography follows the last chapter (PrintEdition).
    """

    default_priority = 700
    builders = PRINT_BUILDERS

    def run(self, **kwargs) -> None:
        from sphinx.builders.latex.nodes import footnotemark

        drop_emptied_reference_lists(self.document)
        # Two sources cited together would print as one number ("910"): separate the marks.
        marks = (nodes.footnote, footnotemark)
        for mark in list(self.document.findall(lambda node: isinstance(node, marks))):
            following = mark.next_node(descend=False, siblings=True, ascend=False)
            if isinstance(following, marks):
                mark.parent.insert(
                    mark.parent.index(mark) + 1, nodes.raw("", r"\textsuperscript{,}", format="latex")
                )


def setup(app) -> None:
    app.add_post_transform(PrintEdition)
    app.add_post_transform(PrintChartNotes)
    app.add_post_transform(PrintReferences)
