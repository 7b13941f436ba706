"""The book's bibliography style: pybtex's "alpha", with titles printed as written.

pybtex's standard styles put every title in sentence case, which in this book's sources
turns "Top FDI source China pours…" into "Top fdi source china pours…" and "U.S." into
"u.s.": proper names, acronyms and Vietnamese place names lose their capitals. The titles in
references.bib are already written the way their publishers wrote them, so they are kept.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.template import field, sentence

NAME = "giants"


class Style(AlphaStyle):
    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title


def register() -> None:
    # Registered under the name _config.yml gives as bibtex_default_style. Registering twice
    # (Sphinx may set up the extension more than once in a process) must not raise.
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)


register()


def setup(app):
    register()
