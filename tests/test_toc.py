"""The table of contents points at real, executable chapters, and nbval's hook checks outputs."""

import subprocess
import sys

import jupytext

from giants.toc import ROOT


def test_every_toc_entry_exists(chapters):
    missing = [str(p.relative_to(ROOT)) for p in chapters if not p.exists()]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


def test_every_chapter_is_an_executable_notebook(chapters):
    for path in chapters:
        notebook = jupytext.read(path)
        kernel = notebook.metadata.get("kernelspec", {}).get("name")
        assert kernel == "python3", f"{path.name}: needs a kernelspec header naming python3"
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert code, f"{path.name}: has no {{code-cell}} cells, so nothing runs"


def test_no_committed_notebooks_or_orphan_chapters(chapters):
    """Chapters are .md only; a .md in book/ that the toc forgets would never be built."""
    assert not list((ROOT / "book").rglob("*.ipynb")), "commit chapters as MyST .md, not .ipynb"
    orphans = sorted(
        p for p in set((ROOT / "book").rglob("*.md")) - set(chapters) if ".ipynb_checkpoints" not in p.parts
    )
    assert not orphans, f"chapters missing from _toc.yml: {[p.name for p in orphans]}"


CHAPTER = """\
---
jupytext:
  text_representation: {{extension: .md, format_name: myst}}
kernelspec: {{display_name: Python 3, language: python, name: python3}}
---
# A chapter

```{{code-cell}} ipython3
:expected_output: "{expected}\\n"
print(2 + 2)
```
"""


def test_a_wrong_checked_number_fails_nbval(tmp_path):
    """The hook's checked outputs are real checks: the right number passes, a changed one fails."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "right.md").write_text(CHAPTER.format(expected="4"))
    (tmp_path / "book" / "wrong.md").write_text(CHAPTER.format(expected="5"))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/right\nchapters:\n  - file: book/wrong\n")
    (tmp_path / "conftest.py").write_text((ROOT / "conftest.py").read_text())
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-rA", "--nbval-lax", "--nbval-current-env", "book/"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout[-3000:]
    assert "PASSED book/right.md::Cell 0" in result.stdout, result.stdout[-3000:]
    assert "FAILED book/wrong.md::Cell 0" in result.stdout and "mismatch" in result.stdout.lower(), (
        result.stdout[-3000:]
    )


def test_refresh_outputs_rewrites_only_the_expected_output(tmp_path, monkeypatch):
    """scripts/refresh_outputs.py --write keeps a cell's other options and its code, and writes
    the chapter in jupytext's canonical form (the checked output as a quoted YAML string)."""
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import refresh_outputs

    chapter = tmp_path / "chapter.md"
    chapter.write_text(
        CHAPTER.format(expected="5").replace(
            ':expected_output: "5\\n"', "---\ntags: [hide-input]\nexpected_output: |\n  5\n---"
        )
    )
    assert refresh_outputs.actual_outputs(chapter) == [("5\n", "4\n")]
    refresh_outputs.write(chapter, ["4\n"])
    text = chapter.read_text()
    assert "tags: [hide-input]" in text and "expected_output: '4\n\n  '" in text and "print(2 + 2)" in text
    assert refresh_outputs.actual_outputs(chapter) == [("4\n", "4\n")]


def test_the_deploy_workflow_runs_make_test_and_publishes_the_built_book():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    steps = workflow["jobs"]["test"]["steps"]
    assert any("make test" in step.get("run", "") for step in steps)
    # The print edition the tests built goes on the site (tests/test_maintenance.py checks the rest).
    assert any("vietnam-between-the-giants.pdf _build/html" in step.get("run", "") for step in steps), (
        "the print edition is not published"
    )
    uploaded = next(
        s for s in steps if "upload-artifact" in s.get("uses", "") and s["with"]["name"] == "site"
    )
    assert uploaded["with"]["path"] == "_build/html"
    publish_steps = workflow["jobs"]["publish"]["steps"]
    publish = next(step for step in publish_steps if "actions-gh-pages" in step.get("uses", ""))
    fetched = next(step for step in publish_steps if "download-artifact" in step.get("uses", ""))
    assert (
        fetched["with"]["name"] == "site" and publish["with"]["publish_dir"] == "./" + fetched["with"]["path"]
    )
    # Colab opens the notebooks from the branch the site is published to.
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert publish["with"]["publish_branch"] == config["sphinx"]["config"]["giants_pages_branch"]
