"""Build the HTML book with warnings as errors: the one build command for make and tests.

Runs `jupyter-book build` (cached execution: unchanged notebooks are not re-run), keeps the
whole log in _build/build.log, and exits non-zero on any warning, cell error or timeout.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
LOG = ROOT / "_build" / "build.log"


def build() -> int:
    LOG.parent.mkdir(exist_ok=True)
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
