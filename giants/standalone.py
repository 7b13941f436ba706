"""The setup cell that opens every generated notebook, so that it runs away from the repository.

A generated notebook (giants.classroom.notebook) needs the book's helper package `giants`
and its `data/`. The cell finds them, in this order:

1. importable already: the book's folder (`make lab`, Binder, a JupyterHub), nothing to do;
2. in the notebook's folder or one above it, or in a `book-src/` folder there: the offline
   bundle (scripts/bundle.py puts giants/ and data/ at its top), or the repository's zip
   unpacked next to the notebook;
3. on Colab only, fetched: the repository cloned into `book-src/` and the pinned libraries of
   requirements-notebooks.txt installed, before anything imports them.

Otherwise it stops with two lines that say what to do, not a traceback: the cell's
exception renders as its message alone (IPython's `_render_traceback_`).

The cell runs before `giants` can be imported, so it is a text here, not a function.
"""

from __future__ import annotations

#: Pinned libraries a notebook needs to run (not to build the book); Colab and the bundle
#: install this file.
REQUIREMENTS = "requirements-notebooks.txt"

_CELL = '''\
# Setup: find the book's helper package (giants) and its data. In the book's folder (make lab,
# Binder, a JupyterHub) or its offline bundle there is nothing to do.{colab_comment}
import importlib.util, pathlib, subprocess, sys

REPOSITORY, BRANCH = "{repository}", "{branch}"


class SetupStopped(Exception):
    def _render_traceback_(self):  # IPython shows these lines instead of a traceback
        return list(self.args)


def book_folder():
    """The nearest folder, here or above, that holds the book's giants/ and data/."""
    here = pathlib.Path.cwd().resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "book-src"):
            if (candidate / "giants" / "__init__.py").is_file() and (candidate / "data").is_dir():
                return candidate
    return None


if importlib.util.find_spec("giants") is None:
    folder = book_folder(){fetch}
    if folder is None:
        raise SetupStopped(
            "This notebook needs the book's code (giants/) and data (data/): not found in this folder or above.",
            {remedy})
    sys.path.insert(0, str(folder))
    print(f"Ready: using the book's code and data in {{folder}}")
'''

_FETCH = """
    if "google.colab" in sys.modules:
        if folder is None:
            print(f"Fetching the book's code and data from {{REPOSITORY}} ({{BRANCH}}) ...")
            subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", BRANCH, REPOSITORY, "book-src"],
                           capture_output=True)
            folder = book_folder()
        if folder is not None:
            print("Installing the book's pinned libraries ...")
            installed = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-r",
                                        str(folder / "{requirements}")], capture_output=True, text=True)
            if installed.returncode:
                print("pip could not install them:", *installed.stderr.strip().splitlines()[-1:])"""


def code(repository: str, branch: str) -> str:
    """The setup cell's source for a book published at `repository` (may be empty) on `branch`."""
    if repository:
        address = repository.rstrip("/").removesuffix(".git")
        # GitHub names the folder in a branch's zip after the repository and the branch.
        unpacked = f"{address.rsplit('/', 1)[-1]}-{branch}"
        remedy = repr(
            f"Download {address}/archive/refs/heads/{branch}.zip, unzip it next to this notebook, "
            f"rename the folder {unpacked} to book-src, then run this cell again."
        )
        return _CELL.format(
            repository=repository,
            branch=branch,
            remedy=remedy,
            colab_comment="\n# On Colab it fetches them and installs the book's pinned libraries first.",
            fetch=_FETCH.format(requirements=REQUIREMENTS),
        )
    remedy = repr(
        "Open it from the book's folder (make lab), or from its offline bundle after "
        "`pip install -r requirements.txt` there, then run this cell again."
    )
    return _CELL.format(repository="", branch=branch, remedy=remedy, colab_comment="", fetch="")
