"""Build the book and run nbval under a second Python, so that "3.11 to 3.13" stays true.

    make other-python                           # the newest supported Python .venv does not use
    OTHER_PYTHON=python3.12 make other-python   # a given one

The repository's tracked files are copied, as a fresh clone would have them, to
_build/other-python/<version>/ (kept between runs, so a second run installs nothing), where
`make book PYTHON=<that Python>` builds the book in its own virtual environment and with its
own execution cache, and `make nbval` runs every chapter against its checked outputs: the same
book, the same numbers. With no second supported Python installed it says so and exits 0.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIES = ROOT / "_build" / "other-python"
SUPPORTED = ("3.13", "3.12", "3.11")


def version_of(executable: str) -> str | None:
    try:
        result = subprocess.run(
            [executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def candidates(version: str) -> list[str]:
    """Where an interpreter of this version may be: on the PATH, or installed by pyenv."""
    found = [path for path in (shutil.which(f"python{version}"),) if path]
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    found += sorted(str(p) for p in Path(pyenv_root).glob(f"versions/{version}.*/bin/python{version}"))
    return found


def other_python() -> tuple[str, str] | None:
    """(executable, version) of a supported Python other than the one running this script."""
    if os.environ.get("OTHER_PYTHON"):
        wanted = os.environ["OTHER_PYTHON"]
        version = version_of(wanted)
        if version not in SUPPORTED:
            sys.exit(
                f"OTHER_PYTHON={wanted} is Python {version or 'not found'}: it must be one of {', '.join(SUPPORTED)}"
            )
        return wanted, version
    current = ".".join(platform.python_version_tuple()[:2])
    for version in SUPPORTED:
        if version == current:
            continue
        for executable in candidates(version):
            if version_of(executable) == version:
                return executable, version
    return None


def tracked_files() -> list[Path]:
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 0:
        return [Path(name) for name in result.stdout.split("\0") if name and (ROOT / name).is_file()]
    skip = {".git", ".venv", "_build", "node_modules"}
    return [
        p.relative_to(ROOT)
        for p in ROOT.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
    ]


def sync_copy(copy: Path) -> None:
    """Make `copy` hold exactly the tracked files, touching only those that changed."""
    wanted = set(tracked_files())
    for relative in wanted:
        source, target = ROOT / relative, copy / relative
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for path in sorted(copy.rglob("*"), reverse=True):
        relative = path.relative_to(copy)
        if {".venv", "_build"} & set(relative.parts):
            continue
        if path.is_file() and relative not in wanted:
            path.unlink()


def main() -> int:
    found = other_python()
    if found is None:
        print(
            f"Skipped: no second Python among {', '.join(SUPPORTED)} is installed besides this one "
            f"({platform.python_version()}). Set OTHER_PYTHON=/path/to/python3.x to choose one."
        )
        return 0
    executable, version = found
    copy = COPIES / version
    print(f"Building the book and running nbval under Python {version} ({executable}) in {copy}")
    start = time.perf_counter()
    sync_copy(copy)
    # A make of its own: nothing of this make's variables or of this virtual environment.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    }
    for target in ("book", "nbval"):
        status = subprocess.run(
            ["make", "--no-print-directory", target, f"PYTHON={executable}"], cwd=copy, env=environment
        ).returncode
        if status:
            print(
                f"\nmake {target} failed under Python {version} (exit {status}); see above.", file=sys.stderr
            )
            return status
    print(
        f"\nPython {version}: the book builds and every checked output holds "
        f"({time.perf_counter() - start:.0f} s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
