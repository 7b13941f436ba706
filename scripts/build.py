"""Build the HTML book with warnings as errors: the one build command for make and tests.

Runs `jupyter-book build` (cached execution: unchanged notebooks are not re-run), keeps the
whole log in _build/build.log, and exits non-zero on any warning, cell error or timeout.

`--student` builds the student edition instead: the book's sources are copied to
_build/student/src with every solution and every checked output stripped
(giants.classroom.student_text), built there, and the HTML lands in _build/student/html. Its
launch buttons, notebooks' setup cell and Colab links point at the student edition's own
branches (`student_edition` in _config.yml), never at the teacher's files.

`--student-lab DIR` writes the student copy of book/ into DIR for `make student-lab`, leaving
every file already there alone (it is a student's work); `--student-tree DIR` writes the
repository as the student branch publishes it: book/ stripped, no tests.

One execution feeds every edition. The teacher's HTML, the student edition and the print
edition (scripts/pdf.py) share one execution cache, _build/.jupyter_cache:

* a chapter whose student copy runs the teacher's code cells, all of them (its solutions are
  prose) or those up to the first solution (its solutions are code cells at its end), computes
  what the teacher's did: `seed_student_cache` files the teacher's outputs of those cells under
  the student notebook (which jupyter-cache tells apart, its cells lacking their checked
  outputs), so it is not run again;
* only a notebook whose solutions sit between cells students keep (the assignments: a check
  follows each answer) is executed for the student edition, once, and cached.

jupyter-cache knows a notebook only by its own text, so it would keep serving outputs made
with an older helper package, older data, other library versions or another Python. The
build therefore fingerprints giants/, data/, references.bib, the pins and the Python version,
and empties the execution cache (and Sphinx's record of what it has read) when that changes.
Builds take locks (`build_lock`): two builds of the same output queue, the student edition
builds beside the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
LOG = BUILD / "build.log"
CACHE = BUILD / ".jupyter_cache"
STUDENT = BUILD / "student"
STUDENT_SOURCE = STUDENT / "src"
#: Code that shapes how outputs are drawn on the page or paper, never what a cell prints:
#: a change re-renders every page but re-runs no notebook.
RENDERING = sorted((ROOT / "giants" / "sphinx").glob("*.py"))
#: Everything outside the chapters that can change what a chapter prints.
INPUTS = [
    "giants/**/*.py",
    "data/*",
    "references.bib",
    "constraints.txt",
    "requirements.txt",
    "pyproject.toml",
]
# The execution cache, and Sphinx's records of what it has read (else it would not re-read).
STALE_WITH_INPUTS = [CACHE, BUILD / ".doctrees", STUDENT_SOURCE / "_build" / ".doctrees"]
FINGERPRINT = BUILD / "inputs.sha256"
STATIC_FINGERPRINT = BUILD / "static.sha256"


@contextlib.contextmanager
def build_lock(outputs: str):
    """Bring the caches up to date, then hold them steady while this build runs.

    Builds share the execution cache: the fingerprint check, which may empty it, runs alone
    (an exclusive lock on _build/.lock); the build itself holds that lock shared, so builds of
    different outputs run side by side while nobody empties a cache under them. `outputs`
    names what this build writes ("doctrees" for the HTML and the print edition, which share
    Sphinx's records; "student" for the student edition): one build of each at a time.
    """
    import fcntl

    BUILD.mkdir(exist_ok=True)
    with (BUILD / ".lock").open("w") as caches, (BUILD / f".lock-{outputs}").open("w") as own:
        fcntl.flock(caches, fcntl.LOCK_EX)
        refresh_cache()
        refresh_pages()
        fcntl.flock(caches, fcntl.LOCK_SH)
        fcntl.flock(own, fcntl.LOCK_EX)
        yield


def _digest(paths, extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in sorted(p for p in paths if p.is_file()):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_fingerprint() -> str:
    """One hash over the inputs that can change what a chapter prints, and the Python running it."""
    files = {path for pattern in INPUTS for path in ROOT.glob(pattern)} - set(RENDERING)
    return _digest(files, extra=f"Python {platform.python_version()} {platform.machine()}")


def static_fingerprint() -> str:
    """One hash over the stylesheet, scripts, templates and rendering code of the pages."""
    inputs = [
        *ROOT.glob("book/_static/**/*"),
        *ROOT.glob("book/_templates/**/*"),
        *ROOT.glob("book/_latex/*"),
        *RENDERING,
    ]
    return _digest(inputs)


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
        print(
            "giants/, data/, references.bib, the pins or the Python version changed: "
            "re-executing every chapter."
        )
        for path in STALE_WITH_INPUTS:
            shutil.rmtree(path, ignore_errors=True)
    FINGERPRINT.parent.mkdir(exist_ok=True)
    FINGERPRINT.write_text(current)


def _write_if_changed(path: Path, content: bytes) -> None:
    # Sphinx re-reads a document whose file is newer than its last reading: leaving unchanged
    # files alone keeps a second student build as quick as a second teacher build.
    if not path.exists() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def student_config(cache: str | None = None) -> str:
    """_config.yml for the student edition: solutions hidden, its own title, the shared cache,
    and launch buttons that open the student edition's files.

    Binder, a JupyterHub and the notebooks' setup cell fetch `repository.branch`, Colab opens
    notebooks from `giants_pages_branch`: both become the student edition's branches
    (`student_edition` in _config.yml), so no button in the student edition reaches a solution.
    """
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx_config = config.get("sphinx", {}).get("config", {})
    if sphinx_config.get("hide_solutions") is not False:
        raise SystemExit("_config.yml must set 'hide_solutions: false' under sphinx.config")
    sphinx_config["hide_solutions"] = True
    config["title"] = f"{config['title']} (student edition)"
    config["execute"]["cache"] = cache or str(CACHE)
    student = config.pop("student_edition", None) or {}
    if not student.get("branch") or not student.get("pages_branch"):
        raise SystemExit(
            "_config.yml must name the student edition's branches (student_edition: branch, "
            "pages_branch): its launch buttons would otherwise open the teacher's files"
        )
    teacher = (config.get("repository", {}).get("branch"), sphinx_config.get("giants_pages_branch"))
    if {student["branch"], student["pages_branch"]} & set(teacher):
        raise SystemExit("the student edition's branches must differ from the teacher's")
    config.setdefault("repository", {})["branch"] = student["branch"]
    sphinx_config["giants_pages_branch"] = student["pages_branch"]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def student_book_files() -> dict[Path, bytes]:
    """Every file of book/ as students get it (pages without solutions or checked outputs)."""
    from giants.classroom import student_text

    wanted: dict[Path, bytes] = {}
    for path in (ROOT / "book").rglob("*"):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts:
            content = path.read_bytes()
            if path.suffix == ".md":
                content = student_text(content.decode("utf-8")).encode("utf-8")
            wanted[path.relative_to(ROOT)] = content
    return wanted


def student_lab(target: Path) -> list[Path]:
    """The student copy of book/ in `target`, for JupyterLab; returns the files it added.

    A file already there is a student's work in progress and is never overwritten: to start a
    page afresh, delete it and run this again.
    """
    added = []
    for relative, content in student_book_files().items():
        path = target / relative
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            added.append(path)
    return added


#: What the student branch leaves out of the repository: the tests compute every answer.
NOT_FOR_STUDENTS = ("tests/", "conftest.py", ".github/")


def student_tree(target: Path) -> Path:
    """The repository as the student branch publishes it (`student_edition.branch`).

    Binder, a JupyterHub and Colab's setup cell open this tree: the book's code, data and pins
    as they are, book/ without solutions or checked outputs, the student _config.yml, and no
    tests. Returns `target`.
    """
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    shutil.rmtree(target, ignore_errors=True)
    for name in tracked.splitlines():
        if name.startswith("book/") or name.startswith(NOT_FOR_STUDENTS) or not (ROOT / name).is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    for relative, content in student_book_files().items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(content)
    (target / "_config.yml").write_text(student_config(cache="_build/.jupyter_cache"), encoding="utf-8")
    return target


def student_sources() -> Path:
    """A copy of the book's sources with every solution removed; returns its root.

    The copy is kept between builds (with its own Sphinx records under src/_build): files are
    rewritten only when they change, and files gone from the book are removed.
    """
    wanted = student_book_files()
    for name in ("_toc.yml", "references.bib"):
        wanted[Path(name)] = (ROOT / name).read_bytes()
    wanted[Path("_config.yml")] = student_config().encode("utf-8")
    for relative, content in wanted.items():
        _write_if_changed(STUDENT_SOURCE / relative, content)
    for path in sorted((STUDENT_SOURCE / "book").rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(STUDENT_SOURCE) not in wanted:
            path.unlink()
    return STUDENT_SOURCE


def _read_notebook(path: Path):
    """A MyST chapter as myst-nb reads it for the build (so its cache hash is the same)."""
    import yaml
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    extensions = config.get("parse", {}).get("myst_enable_extensions", [])
    return read_myst_markdown_notebook(
        path.read_text(encoding="utf-8"), config=MdParserConfig(enable_extensions=set(extensions)), path=path
    )


def seed_student_cache(source: Path) -> list[str]:
    """File the teacher's outputs under each student notebook that runs a prefix of its cells.

    A student notebook whose code cells are exactly the teacher's first cells (the solutions
    removed were all at the end) computes exactly what the teacher's did up to there, so the
    teacher's executed outputs are its outputs. Returns the chapters seeded.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(CACHE))
    seeded = []
    for student_path in sorted((source / "book").rglob("*.md")):
        teacher_path = ROOT / student_path.relative_to(source)
        if "kernelspec:" not in student_path.read_text(encoding="utf-8")[:500] or not teacher_path.exists():
            continue
        student, teacher = _read_notebook(student_path), _read_notebook(teacher_path)
        student_code = [c for c in student.cells if c.cell_type == "code"]
        teacher_code = [c for c in teacher.cells if c.cell_type == "code"]

        # Student copies carry no checked outputs: a cell is the same whatever it is checked against.
        def cells(code):
            return [(c.source, {k: v for k, v in c.metadata.items() if k != "expected_output"}) for c in code]

        if cells(teacher_code[: len(student_code)]) != cells(student_code):
            continue  # a notebook that must run for itself
        with contextlib.suppress(KeyError):
            cache.match_cache_notebook(student)
            continue  # already seeded (or executed)
        try:
            _, executed = cache.merge_match_into_notebook(teacher)
        except KeyError:
            continue  # the teacher's edition has not run yet: the student build will execute it
        for cell, done in zip(student_code, [c for c in executed.cells if c.cell_type == "code"]):
            cell.outputs, cell.execution_count = done.outputs, done.execution_count
        cache.cache_notebook_bundle(
            CacheBundleIn(
                student, str(student_path), data={"execution_seconds": 0, "outputs_of": str(teacher_path)}
            ),
            check_validity=False,
            overwrite=True,
        )
        seeded.append(student_path.relative_to(source).as_posix())
    return seeded


def build(student: bool = False) -> int:
    LOG.parent.mkdir(exist_ok=True)
    with build_lock("student" if student else "doctrees"):
        root = ROOT
        if student:
            root = student_sources()
            seeded = seed_student_cache(root)
            if seeded:
                print(
                    f"Student edition: the teacher's outputs serve {len(seeded)} chapter(s) "
                    f"whose solutions come last: {', '.join(seeded)}"
                )
        jupyter_book = Path(sys.executable).with_name("jupyter-book")
        command = [
            str(jupyter_book),
            "build",
            str(root),
            "--builder",
            "html",
            "--warningiserror",
            "--keep-going",
        ]
        log_path = STUDENT / "build.log" if student else LOG
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(
                command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            for line in process.stdout:
                sys.stdout.write(line)
                log.write(line)
        status = process.wait()
        if student and status == 0:
            shutil.rmtree(STUDENT / "html", ignore_errors=True)
            shutil.copytree(root / "_build" / "html", STUDENT / "html")
    return status


if __name__ == "__main__":
    for option, make in (("--student-lab", student_lab), ("--student-tree", student_tree)):
        if option in sys.argv[1:]:
            where = Path(sys.argv[sys.argv.index(option) + 1]).resolve()
            made = make(where)
            print(
                f"{option}: {len(made) if isinstance(made, list) else 'the student tree'} written to {where}"
            )
            sys.exit(0)
    student = "--student" in sys.argv[1:]
    status = build(student)
    log = STUDENT / "build.log" if student else LOG
    html = STUDENT / "html" if student else HTML
    if status:
        print(f"\nThe book did not build (exit {status}); the whole log is in {log}.", file=sys.stderr)
    else:
        print(
            f"\n{'Student edition' if student else 'Book'} built. Open {html / 'index.html'}"
            f"{'' if student else ' or run `make serve`'}."
        )
    sys.exit(status)
