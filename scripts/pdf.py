"""Build the print edition: the whole book as one PDF, typeset with XeLaTeX.

Sphinx's LaTeX builder writes _build/latex (charts become vector drawings made offline by
vl-convert: giants.sphinx.charts), then latexmk runs XeLaTeX until cross-references settle. The
notebooks' outputs come from the same execution cache as the HTML build, so nothing re-runs
that the HTML build has run. The PDF is written under a temporary name and renamed when
complete: _build/vietnam-between-the-giants.pdf.

The print edition shares the HTML build's record of what it has read (_build/.doctrees):
every chart is read once in both its forms (giants.sphinx.charts), so after `make book`
Sphinx goes straight to writing the LaTeX.
"""

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build

ROOT = build.ROOT
LATEX = ROOT / "_build" / "latex"
DOCTREES = ROOT / "_build" / ".doctrees"
PDF = ROOT / "_build" / "vietnam-between-the-giants.pdf"
LOG = ROOT / "_build" / "pdf.log"
TEX_NAME = "vietnam-between-the-giants"


def sphinx_latex() -> int:
    # Jupyter Book 1's own entry point (not its CLI, which has no option for a doctree folder);
    # it is internal but frozen with Jupyter Book 1.
    from jupyter_book.sphinx import build_sphinx

    # The same overrides `jupyter-book build --builder latex` passes, plus a doctree folder
    # of its own (the CLI has no option for one).
    overrides = {"external_toc_path": (ROOT / "_toc.yml").as_posix(), "latex_individualpages": False}
    result = build_sphinx(
        ROOT,
        LATEX,
        use_external_toc=True,
        noconfig=True,
        confoverrides=overrides,
        path_config=str(ROOT / "_config.yml"),
        builder="latex",
        doctreedir=DOCTREES,
        warningiserror=True,
        keep_going=True,
    )
    return 1 if isinstance(result, Exception) else int(result or 0)


def typeset() -> int:
    for tool in ("xelatex", "latexmk"):
        if shutil.which(tool) is None:
            print(
                f"{tool} is not installed: run 'make pdf', which installs TeX Live (scripts/install_tex.sh).",
                file=sys.stderr,
            )
            return 1
    command = [
        "latexmk",
        "-xelatex",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
        f"{TEX_NAME}.tex",
    ]
    with LOG.open("w", encoding="utf-8") as log:
        status = subprocess.run(command, cwd=LATEX, stdout=log, stderr=subprocess.STDOUT).returncode
    if status:
        lines = LOG.read_text(encoding="utf-8", errors="replace").splitlines()
        errors = [line for line in lines if line.startswith("!") or ".tex:" in line][:10]
        print(
            "XeLaTeX failed:\n  " + "\n  ".join(errors or lines[-20:]) + f"\nThe whole log is in {LOG}.",
            file=sys.stderr,
        )
    return status


def main() -> int:
    with build.build_lock("doctrees"):
        status = sphinx_latex()
        if status:
            print(f"\nSphinx could not write the LaTeX (exit {status}).", file=sys.stderr)
            return status
        status = typeset()
    if status:
        return status
    partial = PDF.with_suffix(".pdf.part")
    shutil.copyfile(LATEX / f"{TEX_NAME}.pdf", partial)
    partial.replace(PDF)
    print(f"\nPrint edition built: {PDF}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
