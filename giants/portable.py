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
    ```{only} html / ```{only} latex         ->  the web's wording / nothing

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
_BOXES = {
    "admonition": "",
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "important": "Important",
    "exercise": "Exercise",
    "solution": "Solution",
}


@dataclass
class Context:
    """What the rewriting needs to know about the book: its works, its pages' titles."""

    root: Path | None = None  # the book's folder
    bibliography: object = None  # a pybtex BibliographyData
    titles: dict[str, str] = field(default_factory=dict)  # docname -> title
    cited: list[str] = field(default_factory=list)  # keys cited so far in this notebook, in order
    formatted: dict[str, str] = field(default_factory=dict)  # key -> its line in a reference list

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
        return cls(root=Path(root), bibliography=bibliography, titles=titles)


def portable_markdown(
    text: str, context: Context, docname: str = "", figures_above: set[str] = frozenset()
) -> str:
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
        names = [author_year(key, context, textual=role.endswith(":t")) for key in keys]
        return "; ".join(names) if role.endswith(":t") else f"({'; '.join(names)})"
    if labelled:
        return labelled.group("text")
    if role == "term":
        return body
    if role == "doc":
        target = (
            (Path(docname).parent / body).as_posix()
            if docname and not body.startswith("/")
            else body.lstrip("/")
        )
        target = re.sub(r"(^|/)\./", r"\1", target)
        return f"*{context.titles.get(target, context.titles.get(body, body))}*"
    if role == "numref":
        return "the figure above" if body in figures_above else "the figure below"
    return body  # ref without a label: its target's name is the best text there is


def author_year(key: str, context: Context, textual: bool = False) -> str:
    """How a citation reads in text: "Caporale, 2022", or "Caporale (2022)" when `textual`."""
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
    """BibTeX's quotes and dashes as the marks they stand for (a backtick would start code)."""
    text = text.replace("``", "“").replace("''", "”").replace("`", "‘").replace("---", "—").replace("--", "–")
    return re.sub(r"‘([^’']*)'", r"‘\1’", text)


def _plain(text: str) -> str:
    return re.sub(r"[{}]", "", text).strip()


def _directive(match: re.Match, context: Context) -> str:
    name, argument, body = match.group("name"), match.group("argument").strip(), match.group("body")
    if name == "footbibliography":
        return references_markdown(context)
    if name == "claim-register":
        return claim_register_markdown(context)
    if name in ("solution-start",):
        return "**Solution**\n"
    if name in ("solution-end",):
        return ""
    if name == "only":
        # A notebook is read on a screen: it keeps the web's wording and drops the paper's
        # (giants.sphinx.print_edition).
        if argument != "html":
            return ""
        return _DIRECTIVE.sub(lambda m: _directive(m, context), body).strip("\n") + "\n"
    if name == "glue:figure":
        # The figure is the output of the code cell above it (giants.figures.show): its caption
        # follows it. A figure without a caption is a web page's own rendering of one shown
        # elsewhere (giants.figures.web_copy), which a notebook never displays: nothing to say.
        caption = body.strip()
        return f"**Figure.** {caption}\n" if caption else ""
    if name == "container":
        return _DIRECTIVE.sub(lambda m: _directive(m, context), body).strip("\n") + "\n"
    if name not in _BOXES:
        return match.group(0)  # the rest: left as it is
    body = _DIRECTIVE.sub(lambda m: _directive(m, context), body).strip("\n")
    title = argument if name == "admonition" else " ".join(filter(None, [_BOXES[name], argument]))
    lines = [f"**{title}**", ""] if title else []
    lines += body.splitlines()
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n"


def claim_register_markdown(context: Context) -> str:
    """The register of claims checked (giants.sphinx.claims) as a Markdown table."""
    from giants.claims import register
    from giants.toc import toc_files

    if context.root is None:
        return ""
    paths = {
        p.relative_to(context.root).with_suffix("").as_posix(): p
        for p in toc_files(context.root)
        if p.exists()
    }
    rows = ["| Claim | Chapter | Whose claim | Verdict | Evidence cited |", "|---|---|---|---|---|"]
    for check in register(paths):
        rows.append(
            f"| {claim_text(check, context).replace('|', '/')} | "
            f"{context.titles.get(check.docname, check.docname)} | {check.whose} | {check.verdict} | "
            f"{evidence_text(check, context)} |"
        )
    return "\n".join(rows) + "\n"


def claim_text(check, context: Context) -> str:
    """A claim check's claim as one line of plain text, its citations left out (the register
    says whose claim it is)."""
    claim = re.sub(r"\s*\{(?:foot)?cite:[pt]\}`[^`]+`", "", check.claim)
    return " ".join(portable_markdown(claim, context, check.docname).split())


def evidence_text(check, context: Context) -> str:
    """The works a claim check cites as evidence, as author and year."""
    return "; ".join(author_year(key, context) for key in check.evidence_keys) or "none cited"


def references_markdown(context: Context) -> str:
    """The works cited so far in this notebook, as a Markdown list in order of first citation."""
    if not context.cited or context.bibliography is None:
        return ""
    keys = [key for key in context.cited if key in context.bibliography.entries]
    for key in keys:
        if key not in context.formatted:
            context.formatted[key] = reference(context.bibliography.entries[key])
    return "".join(f"- {context.formatted[key]}\n" for key in keys)


def reference(entry) -> str:
    """One work as a line of text: authors (year). Title. Where. Note. URL.

    Written here rather than through pybtex's styles, which take about 20 ms an entry: the
    notebooks of one build cite some 400 works.
    """
    fields = entry.fields
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = []
    for person in people:
        last = _plain(" ".join(person.last_names))
        initials = " ".join(
            f"{_plain(name)[0]}." for name in person.first_names + person.middle_names if _plain(name)
        )
        names.append(f"{last}, {initials}" if initials else last)
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}" if names else ""
    parts = [f"{who} ({fields.get('year', 'n.d.')})." if who else f"({fields.get('year', 'n.d.')})."]
    parts.append(_sentence(_typographic(_plain(fields.get("title", "")))))
    where = [
        fields.get(name) for name in ("journal", "booktitle", "institution", "publisher", "howpublished")
    ]
    volume = ", ".join(
        filter(
            None,
            [
                fields.get("volume") and f"vol. {fields['volume']}",
                fields.get("number") and f"no. {fields['number']}",
                fields.get("pages") and f"pp. {fields['pages']}",
            ],
        )
    )
    parts.append(_sentence(", ".join(_plain(part) for part in [*filter(None, where), volume] if part)))
    parts.append(_sentence(_typographic(_plain(fields.get("note", "")))))
    if fields.get("doi"):
        parts.append(f"https://doi.org/{fields['doi']}")
    elif fields.get("url"):
        parts.append(fields["url"])
    return " ".join(part for part in parts if part)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "?", "!")) else text + "."
