"""Zip the built book, its data and its notebooks into one file that works opened from disk.

    python scripts/bundle.py            # the teacher's edition, from _build/html
    python scripts/bundle.py --student  # the student edition, from _build/student/html

The zip holds the HTML (with its vendored chart scripts and the generated notebooks under
notebooks/) and data/ with its provenance, in one top-level folder. Nothing in it needs the
network: open index.html from the unzipped folder. It is written to a temporary name and
renamed at the end, so a failed run never leaves a half-written bundle.
"""

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "vietnam-between-the-giants"


def bundle(student: bool = False) -> Path:
    html = ROOT / "_build" / ("student/html" if student else "html")
    if not (html / "index.html").exists():
        raise SystemExit(f"No built book in {html}: run `make {'student' if student else 'book'}` first.")
    if not any((html / "notebooks").rglob("*.ipynb")):
        raise SystemExit(f"{html} has no notebooks/ folder: rebuild the book.")
    folder = f"{NAME}{'-student' if student else ''}"
    target = ROOT / "_build" / f"{folder}.zip"
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(html.rglob("*")):
            if path.is_file() and ".doctrees" not in path.parts:
                zf.write(path, f"{folder}/{path.relative_to(html).as_posix()}")
        for path in sorted((ROOT / "data").glob("*")):
            zf.write(path, f"{folder}/data/{path.name}")
        zf.writestr(
            f"{folder}/README.txt",
            "Vietnam between the giants, offline edition.\n\n"
            "Open index.html in a web browser: the book, its charts and maps work without a network.\n"
            "notebooks/ holds every chapter as a Jupyter notebook; data/ holds the datasets, and\n"
            "data/datapackage.json says where each came from and under which licence.\n",
        )
    partial.replace(target)
    return target


if __name__ == "__main__":
    path = bundle("--student" in sys.argv[1:])
    print(f"Bundle written: {path} ({path.stat().st_size / 1e6:.1f} MB)")
