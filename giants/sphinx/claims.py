"""The register of claims checked: one table of every claim check in the book.

`{claim-register}` (used in the evidence chapter) reads every chapter's MyST source through
giants.claims, so the table is built from the boxes themselves and cannot drift from them:
each chapter is a dependency of the page that holds the register, which Sphinx therefore
reads again whenever a chapter changes. Each row links to its box (the box's `:name:`), and
a line above the table counts the verdicts.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


class ClaimRegister(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from giants.claims import VERDICTS, register
        from giants.portable import Context, claim_text, evidence_text
        from giants.toc import toc_files

        srcdir = Path(self.env.srcdir)
        paths = {
            path.relative_to(srcdir).with_suffix("").as_posix(): path
            for path in toc_files(srcdir)
            if path.exists()
        }
        for path in paths.values():
            self.env.note_dependency(str(path))
        checks = register(paths)
        context = Context.load(srcdir, self.config.bibtex_bibfiles[0])
        counts = {verdict: sum(check.verdict == verdict for check in checks) for verdict in VERDICTS}
        lines = [
            f"{len(checks)} claims checked: "
            + ", ".join(f"{n} {verdict}" for verdict, n in counts.items())
            + ".",
            "",
            "````{list-table}",
            ":header-rows: 1",
            ":widths: 40 16 16 28",
            ":class: claim-register",
            "",
            "* - Claim (and where the book checks it)",
            "  - Whose claim",
            "  - Verdict",
            "  - Evidence cited",
        ]
        for check in checks:
            chapter = context.titles.get(check.docname, check.docname)
            lines += [
                f"* - {claim_text(check, context)} ({{ref}}`{chapter} <{check.name}>`)",
                f"  - {check.whose}",
                f"  - {check.verdict}",
                f"  - {evidence_text(check, context)}",
            ]
        lines.append("````")
        container = nodes.container(classes=["claim-register-wrapper"])
        self.state.nested_parse(StringList(lines, self.env.docname), self.content_offset, container)
        return [container]


def setup(app) -> None:
    app.add_directive("claim-register", ClaimRegister)
