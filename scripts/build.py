"""Build the HTML book with warnings as errors: the one build command for make and tests.

Runs `jupyter-book build` (cached execution: unchanged notebooks are not re-run), keeps the
whole log in _build/build.log, and exits non-zero on any warning, cell error or timeout.

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
STALE_WITH_INPUTS = [ROOT / "_build" / ".jupyter_cache", ROOT / "_build" / ".doctrees"]
FINGERPRINT = ROOT / "_build" / "inputs.sha256"


def inputs_fingerprint() -> str:
    """One hash over everything outside the chapters that can change what a chapter prints."""
    digest = hashlib.sha256()
    files = sorted([*ROOT.glob("giants/**/*.py"), *ROOT.glob("data/*"), ROOT / "references.bib"])
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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


def build() -> int:
    LOG.parent.mkdir(exist_ok=True)
    refresh_cache()
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(ROOT), "--builder", "html",
               "--warningiserror", "--keep-going"]
    with LOG.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        for line in process.stdout:
            sys.stdout.write(line)
            log.write(line)
    return process.wait()


if __name__ == "__main__":
    status = build()
    if status:
        print(f"\nThe book did not build (exit {status}); the whole log is in {LOG}.", file=sys.stderr)
    else:
        print(f"\nBook built. Open {HTML / 'index.html'} or run `make serve`.")
    sys.exit(status)
