"""Build the HTML book with warnings as errors: the one build command for make and tests.

Runs `jupyter-book build` (cached execution: unchanged notebooks are not re-run), keeps the
whole log in _build/build.log, and exits non-zero on any warning, cell error or timeout.

`--student` builds the student edition instead: the book's sources are copied to
_build/student/src with every solution stripped (giants.classroom.strip_solutions), built
there, and the HTML lands in _build/student/html. Nothing of the teacher's build is reused.

jupyter-cache knows a notebook only by its own text, so it would keep serving outputs made
with an older helper package or older data. The build therefore fingerprints giants/,
data/ and references.bib, and empties the execution cache (and Sphinx's environment) when
the fingerprint changes.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
LOG = ROOT / "_build" / "build.log"
# Execution cache, and Sphinx's record of what it has read (else it would not re-read at all).
STALE_WITH_INPUTS = [ROOT / "_build" / ".jupyter_cache", ROOT / "_build" / ".doctrees",
                     ROOT / "_build" / ".doctrees-print"]
FINGERPRINT = ROOT / "_build" / "inputs.sha256"


def inputs_fingerprint() -> str:
    """One hash over everything outside the chapters that can change what a chapter prints."""
    digest = hashlib.sha256()
    files = sorted([*ROOT.glob("giants/**/*.py"), *ROOT.glob("data/*"), ROOT / "references.bib"])
    files = [path for path in files if path not in RENDERING]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


STATIC_FINGERPRINT = ROOT / "_build" / "static.sha256"
#: Code that shapes how outputs are drawn on the page or paper, never what a cell prints:
#: a change re-renders every page but re-runs no notebook.
RENDERING = [ROOT / "giants" / "sphinxext.py"]


def static_fingerprint() -> str:
    """One hash over the stylesheet, scripts, templates and rendering code of the pages."""
    digest = hashlib.sha256()
    inputs = [*ROOT.glob("book/_static/**/*"), *ROOT.glob("book/_templates/**/*"), *ROOT.glob("book/_latex/*"), *RENDERING]
    for path in sorted(p for p in inputs if p.is_file()):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def refresh_pages() -> None:
    # With no chapter changed, Sphinx reports "no targets are out of date" and stops before
    # copying _static: an edited stylesheet or script would never reach the built pages.
    # Forgetting what was read (not what was executed) makes it rewrite every page.
    current = static_fingerprint()
    if STATIC_FINGERPRINT.exists() and STATIC_FINGERPRINT.read_text() != current:
        for doctrees in STALE_WITH_INPUTS[1:]:
            shutil.rmtree(doctrees, ignore_errors=True)
    STATIC_FINGERPRINT.parent.mkdir(exist_ok=True)
    STATIC_FINGERPRINT.write_text(current)


def refresh_cache() -> None:
    current = inputs_fingerprint()
    if FINGERPRINT.exists() and FINGERPRINT.read_text() == current:
        return
    if any(path.exists() for path in STALE_WITH_INPUTS):
        print("giants/, data/ or references.bib changed: re-executing every chapter.")
        for path in STALE_WITH_INPUTS:
            shutil.rmtree(path, ignore_errors=True)
    FINGERPRINT.parent.mkdir(exist_ok=True)
    FINGERPRINT.write_text(current)


STUDENT = ROOT / "_build" / "student"


def student_sources() -> Path:
    """A copy of the book's sources with every solution removed; returns its root."""
    from giants.classroom import strip_solutions

    source = STUDENT / "src"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(ROOT / "book", source / "book", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in ("_config.yml", "_toc.yml", "references.bib"):
        shutil.copy2(ROOT / name, source / name)
    for chapter in (source / "book").rglob("*.md"):
        chapter.write_text(strip_solutions(chapter.read_text(encoding="utf-8")), encoding="utf-8")
    config = source / "_config.yml"
    text = config.read_text(encoding="utf-8")
    if "    hide_solutions: false\n" not in text:
        raise SystemExit("_config.yml must set 'hide_solutions: false' under sphinx.config")
    config.write_text(text.replace("    hide_solutions: false\n", "    hide_solutions: true\n")
                      .replace('title: "Vietnam between the giants"', 'title: "Vietnam between the giants (student edition)"'),
                      encoding="utf-8")
    return source


def build(student: bool = False) -> int:
    LOG.parent.mkdir(exist_ok=True)
    refresh_cache()
    refresh_pages()
    root = student_sources() if student else ROOT
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(root), "--builder", "html",
               "--warningiserror", "--keep-going"]
    log_path = STUDENT / "build.log" if student else LOG
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        for line in process.stdout:
            sys.stdout.write(line)
            log.write(line)
    status = process.wait()
    if student and status == 0:
        shutil.rmtree(STUDENT / "html", ignore_errors=True)
        shutil.copytree(root / "_build" / "html", STUDENT / "html")
    return status


if __name__ == "__main__":
    student = "--student" in sys.argv[1:]
    status = build(student)
    log = STUDENT / "build.log" if student else LOG
    html = STUDENT / "html" if student else HTML
    if status:
        print(f"\nThe book did not build (exit {status}); the whole log is in {log}.", file=sys.stderr)
    else:
        print(f"\n{'Student edition' if student else 'Book'} built. Open {html / 'index.html'}"
              f"{'' if student else ' or run `make serve`'}.")
    sys.exit(status)
