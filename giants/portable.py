"""MyST that only the book's build understands, rewritten as Markdown any notebook shows.

The chapters cite with `{footcite:p}`, link glossary terms with `{term}`, chapters with
`{doc}` and figures with `{numref}`, and box claim checks and exercises in directives. The
book build turns these into citations, links and boxes; Colab, a plain Jupyter or a hub
without jupyterlab-myst would show the raw roles. `portable_markdown` rewrites one markdown
cell's text so that a reader of the generated notebooks (giants.classroom.notebook) reads:

    {footcite:p}`caporale2022,diplomat2023`   ->  (Caporale, 2022; The Diplomat, 2023)
    {term}`hedges <Hedging>`                 ->  hedges
    {doc}`two-visits`                        ->  *Two visits, one policy*
    {numref}`fig-trade`                      ->  the figure below
    ```{footbibliography}```                 ->  a list of the works this notebook cites
    ```{admonition} Claim check: qualified   ->  > **Claim check: qualified**  (a quote block)

It needs the bibliography (references.bib) and the chapters' titles, which `Context.load`
reads from the book's folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ROLE = re.compile(r"\{(?P<role>footcite:[pt]|cite:[pt]|term|doc|numref|ref)\}`(?P<body>[^`]+)`")
_LABELLED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
#: A fenced directive: its fence (backticks or colons), name, argument, options and body.
_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[ \t]*(?P<argument>[^\n]*)\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)(?P<body>.*?)^(?P=fence)[ \t]*$\n?",
    re.M | re.S,
)
#: Directives shown as a quote block with a bold title, and the title each gets by default.
_BOXES = {"admonition": "", "note": "Note", "tip": "Tip", "warning": "Warning", "important": "Important",
          "exercise": "Exercise", "solution": "Solution"}


@dataclass
class Context:
    """What the rewriting needs to know about the book: its works, its pages' titles."""

    bibliography: object = None  # a pybtex BibliographyData
    titles: dict[str, str] = field(default_factory=dict)  # docname -> title
    cited: list[str] = field(default_factory=list)  # keys cited so far in this notebook, in order
    formatted: dict[str, str] = field(default_factory=dict)  # key -> reference (pybtex is slow: ~20 ms each)

    @classmethod
    def load(cls, root: Path, bibfile: str | None = "references.bib") -> Context:
        import pybtex.database

        titles = {}
        for path in sorted(Path(root).rglob("*.md")):
            if {"_build", ".venv", "node_modules"} & set(path.parts):
                continue
            heading = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)
            if heading:
                titles[path.relative_to(root).with_suffix("").as_posix()] = heading.group(1).strip()
        bibliography = pybtex.database.parse_file(str(Path(root) / bibfile)) if bibfile else None
        return cls(bibliography=bibliography, titles=titles)


def portable_markdown(text: str, context: Context, docname: str = "", figures_above: set[str] = frozenset()) -> str:
    """One markdown cell's MyST, as plain Markdown (see the module docstring).

    `figures_above` names the figures defined earlier in the notebook, so that a reference to
    one reads "the figure above" and any other "the figure below".
    """
    # Roles first: the citations they collect fill a reference list further down the cell.
    text = _ROLE.sub(lambda m: _role(m, context, docname, figures_above), text)
    return _DIRECTIVE.sub(lambda m: _directive(m, context), text)


def _role(match: re.Match, context: Context, docname: str, figures_above: set[str]) -> str:
    role, body = match.group("role"), match.group("body").strip()
    labelled = _LABELLED.match(body)
    if role in ("footcite:p", "cite:p", "footcite:t", "cite:t"):
        keys = [key.strip() for key in body.split(",") if key.strip()]
        context.cited.extend(key for key in keys if key not in context.cited)
        names = [_author_year(key, context, textual=role.endswith(":t")) for key in keys]
        return "; ".join(names) if role.endswith(":t") else f"({'; '.join(names)})"
    if labelled:
        return labelled.group("text")
    if role == "term":
        return body
    if role == "doc":
        target = (Path(docname).parent / body).as_posix() if docname and not body.startswith("/") else body.lstrip("/")
        target = re.sub(r"(^|/)\./", r"\1", target)
        return f"*{context.titles.get(target, context.titles.get(body, body))}*"
    if role == "numref":
        return "the figure above" if body in figures_above else "the figure below"
    return body  # ref without a label: its target's name is the best text there is


def _author_year(key: str, context: Context, textual: bool = False) -> str:
    entry = context.bibliography.entries.get(key) if context.bibliography else None
    if entry is None:
        return key
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_plain(" ".join(person.last_names) or str(person)) for person in people]
    if not names:
        who = _plain(entry.fields.get("organization") or entry.fields.get("title", key))
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    year = entry.fields.get("year", "n.d.")
    return f"{who} ({year})" if textual else f"{who}, {year}"


def _typographic(text: str) -> str:
    """BibTeX's quotes as the quotation marks they stand for (a backtick would start code)."""
    return text.replace("``", "“").replace("''", "”").replace("`", "‘")


def _plain(text: str) -> str:
    return re.sub(r"[{}]", "", text).strip()


def _directive(match: re.Match, context: Context) -> str:
    name, argument, body = match.group("name"), match.group("argument").strip(), match.group("body")
    if name == "footbibliography":
        return references_markdown(context)
    if name in ("solution-start",):
        return "**Solution**\n"
    if name in ("solution-end",):
        return ""
    if name not in _BOXES:
        return match.group(0)  # figures and the rest: left as they are
    body = _DIRECTIVE.sub(lambda m: _directive(m, context), body).strip("\n")
    title = argument if name == "admonition" else " ".join(filter(None, [_BOXES[name], argument]))
    lines = [f"**{title}**", ""] if title else []
    lines += body.splitlines()
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n"


def references_markdown(context: Context) -> str:
    """The works cited so far in this notebook, as a Markdown list in order of first citation."""
    if not context.cited or context.bibliography is None:
        return ""
    from pybtex.plugin import find_plugin

    keys = [key for key in context.cited if key in context.bibliography.entries]
    new = [key for key in keys if key not in context.formatted]
    if new:
        # The style the book's own reference lists use (bibtex_default_style in _config.yml).
        style = find_plugin("pybtex.style.formatting", "alpha")()
        entries = style.format_entries([context.bibliography.entries[key] for key in new])
        for key, entry in zip(new, entries):
            context.formatted[key] = _typographic(" ".join(entry.text.render_as("text").split()))
    return "".join(f"- {context.formatted[key]}\n" for key in keys)
