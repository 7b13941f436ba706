"""Every claim check in the book, read from the chapters themselves.

A claim check is a MyST admonition in a chapter, in three parts:

    ```{admonition} Claim check: qualified
    :class: claim-check qualified
    :name: claim-two-visits-trong-dates

    **The claim.** ... {footcite:p}`caporale2022`

    **The evidence.** ... {footcite:p}`vnanet-joint-statement-2022`

    **Verdict.** Qualified: ...
    ```

`claim_checks(text, docname)` finds them in one chapter's MyST text; `register(paths)` in
every chapter. The register of claims checked (the `{claim-register}` directive in the
evidence chapter, giants.sphinx.claims) and its tests are built from these, so the register
cannot drift from the boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

VERDICTS = ("supported", "qualified", "contradicted", "unverified")
#: Whose claim a citation in "The claim." makes it: the two articles the book grows from.
ARTICLES = {"caporale2022": "first article", "diplomat2023": "second article"}

_BOX = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{admonition\}[ \t]+Claim check:[ \t]*(?P<verdict>\w+)[ \t]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.M | re.S,
)
_PART = re.compile(r"\*\*(The claim|The evidence|Verdict)\.\*\*", re.S)
_CITATION = re.compile(r"\{(?:foot)?cite:[pt]\}`([^`]+)`")


@dataclass
class ClaimCheck:
    """One claim check: where it is, what it says, and what it cites."""

    docname: str
    name: str  # the box's label (its :name:), the register's link target
    verdict: str
    classes: list[str]
    claim: str  # the MyST text of each part, without its bold lead-in
    evidence: str
    conclusion: str
    line: int
    claim_keys: list[str] = field(default_factory=list)
    evidence_keys: list[str] = field(default_factory=list)

    @property
    def whose(self) -> str:
        """Whose claim it is: one or both of the founding articles, or the works it cites."""
        articles = [ARTICLES[key] for key in self.claim_keys if key in ARTICLES]
        return " and ".join(dict.fromkeys(articles)) or "other sources"


def claim_checks(text: str, docname: str = "") -> list[ClaimCheck]:
    """The claim checks in one chapter's MyST text, in order."""
    found = []
    for match in _BOX.finditer(text):
        options = dict(re.findall(r"^[ \t]*:([\w-]+):[ \t]*(.*?)[ \t]*$", match.group("options"), re.M))
        pieces = _PART.split(match.group("body"))
        parts = {pieces[i]: pieces[i + 1].strip() for i in range(1, len(pieces) - 1, 2)}
        claim, evidence = parts.get("The claim", ""), parts.get("The evidence", "")
        found.append(
            ClaimCheck(
                docname=docname,
                name=options.get("name", ""),
                verdict=match.group("verdict").lower(),
                classes=options.get("class", "").split(),
                claim=claim,
                evidence=evidence,
                conclusion=parts.get("Verdict", ""),
                line=text.count("\n", 0, match.start()) + 1,
                claim_keys=_keys(claim),
                evidence_keys=_keys(evidence),
            )
        )
    return found


def _keys(text: str) -> list[str]:
    keys = [key.strip() for group in _CITATION.findall(text) for key in group.split(",")]
    return list(dict.fromkeys(key for key in keys if key))


def register(paths: dict[str, Path]) -> list[ClaimCheck]:
    """Every claim check in the given chapters ({docname: path}), in book order."""
    return [
        check
        for docname, path in paths.items()
        for check in claim_checks(Path(path).read_text(encoding="utf-8"), docname)
    ]
