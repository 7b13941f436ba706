"""Zip the built book, its data and its notebooks into one file that works opened from disk.

    python scripts/bundle.py            # the teacher's edition, from _build/html
    python scripts/bundle.py --student  # the student edition, from _build/student/html

The zip holds the HTML (with its vendored chart scripts and the generated notebooks under
notebooks/) and data/ with its provenance, in one top-level folder. Nothing in it needs the
network: open index.html from the unzipped folder. So that the notebooks run too, it also
holds the book's helper package giants/, the chapters' sources under book/ (a chapter reads
its own text: the sea map labels the features it names) and requirements.txt, the pinned
libraries: after one `pip install -r requirements.txt` the notebooks' setup cell finds giants/
and data/ above them (giants.standalone). It is written to a temporary name and renamed at the
end, so a failed run never leaves a half-written bundle.
"""

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "vietnam-between-the-giants"
INSTALL = "python -m pip install -r requirements.txt"
README = f"""Vietnam between the giants, offline edition.

Open index.html in a web browser: the book, its charts and maps work without a network.
notebooks/ holds every chapter as a Jupyter notebook; data/ holds the datasets, and
data/datapackage.json says where each came from and under which licence.

To run the notebooks, install the libraries they need once, from this folder:

    {INSTALL}

then open notebooks/ in JupyterLab (`python -m jupyterlab`) and run a chapter.
"""


def requirements() -> str:
    """The bundle's requirements.txt: the notebooks' pinned libraries, and JupyterLab to run them."""
    lab = [
        line
        for line in (ROOT / "requirements-lab.txt").read_text().splitlines()
        if line.startswith("jupyterlab==")
    ]
    return (ROOT / "requirements-notebooks.txt").read_text() + "\n".join(lab) + "\n"


def package_files() -> list[Path]:
    """The giants package's modules, without caches."""
    return sorted(path for path in (ROOT / "giants").rglob("*.py") if "__pycache__" not in path.parts)


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
        for path in package_files():
            zf.write(path, f"{folder}/{path.relative_to(ROOT).as_posix()}")
        # The edition's own sources: the student's have no solutions (scripts/build.py).
        sources = ROOT / "_build" / "student" / "src" if student else ROOT
        for path in sorted((sources / "book").rglob("*.md")):
            if ".ipynb_checkpoints" not in path.parts:
                zf.write(path, f"{folder}/{path.relative_to(sources).as_posix()}")
        # Chapters read the chapters' order (giants.toc) and the bibliography (giants.sources).
        for name in ("_toc.yml", "references.bib"):
            zf.write(ROOT / name, f"{folder}/{name}")
        zf.writestr(f"{folder}/requirements.txt", requirements())
        zf.writestr(f"{folder}/README.txt", README)
    partial.replace(target)
    return target


if __name__ == "__main__":
    path = bundle("--student" in sys.argv[1:])
    print(f"Bundle written: {path} ({path.stat().st_size / 1e6:.1f} MB)")
