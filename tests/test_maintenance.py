"""Maintenance: lint hooks, least-privilege workflows, internal links, releases and archival metadata."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from book_tools import myst_chapter
from bs4 import BeautifulSoup

from giants.toc import ROOT

# The scripts under test import as modules once scripts/ is on the path.
sys.path.insert(0, str(ROOT / "scripts"))
import lint_chapters
import release

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def tool(name: str) -> str:
    """A maintainer's tool (requirements-dev.txt, which make check installs): the venv's, else PATH's."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        if os.environ.get("CI") or os.environ.get("GIANTS_FULL_TEST"):
            pytest.fail(f"{name} is not installed (pip install -r requirements-dev.txt)")
        pytest.skip(f"{name} is not installed: pip install -r requirements-dev.txt")
    return found


# --- Lint ------------------------------------------------------------------------------------


def test_every_hook_is_local_and_runs_a_tool_pinned_in_requirements_dev():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    # Each hook's command, and the package that installs it.
    provided_by = {
        "check-yaml": "pre-commit-hooks",
        "check-json": "pre-commit-hooks",
        "check-toml": "pre-commit-hooks",
    }
    provided_by |= {"check-added-large-files": "pre-commit-hooks", "check-merge-conflict": "pre-commit-hooks"}
    for repo in config["repos"]:
        assert repo["repo"] == "local", "hook repositories cannot be fetched: run pinned tools locally"
        for hook in repo["hooks"]:
            command = hook["entry"].split()[0]
            if command == "python":
                assert (ROOT / hook["entry"].split()[1]).exists(), hook["entry"]
                continue
            assert provided_by.get(command, command) in pins, f"{hook['id']}: {command} is not pinned"


def test_the_chapter_linter_reports_a_chapter_line_and_fixes_only_code(tmp_path, monkeypatch):
    tool("ruff")
    monkeypatch.setattr(lint_chapters, "RUFF", tool("ruff"))
    book = ROOT / "_build" / "lint-test" / "book"
    book.mkdir(parents=True, exist_ok=True)
    chapter = book / "lint-sample.md"
    text = myst_chapter("Sample", "import os\nimport json\n\nx = {'a':1}\nprint(json.dumps(x))")
    text = text.replace("# Sample", "# Sample\n\nProse with  two spaces and x = {'a':1} kept.")
    chapter.write_text(text, encoding="utf-8")
    try:
        assert lint_chapters.main([str(chapter)]) == 1
        with_findings = text.splitlines()
        line = next(n for n, line in enumerate(with_findings, start=1) if line == "import os")
        report = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "lint_chapters.py"), str(chapter)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PATH": f"{Path(lint_chapters.RUFF).parent}{os.pathsep}{os.environ['PATH']}"},
        ).stdout
        assert f"lint-sample.md:{line}:8: F401" in report, report
        assert "code cells not formatted" in report, report
        assert lint_chapters.main(["--fix", str(chapter)]) == 0
        fixed = chapter.read_text(encoding="utf-8")
        assert "import os" not in fixed and 'x = {"a": 1}' in fixed
        assert "Prose with  two spaces and x = {'a':1} kept." in fixed, "the prose was touched"
        assert fixed.split("```{code-cell}")[0] == text.split("```{code-cell}")[0]
    finally:
        shutil.rmtree(book.parent, ignore_errors=True)


# --- Workflows -------------------------------------------------------------------------------


def steps_of(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_hold_the_least_privilege_and_pin_every_action(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}, "the workflow's default token must only read"
    for name, job in workflow["jobs"].items():
        writes = [scope for scope, level in job.get("permissions", {}).items() if level == "write"]
        if writes:
            assert name == "publish", f"{path.name}: job {name} can write {writes}"
            assert job["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"
            assert job["needs"] == "test"
    for line in re.findall(r"uses: (.+)", text):
        assert PINNED.match(line.strip()), f"{path.name}: {line} is not pinned to a commit with its version"
    for name, step in steps_of(workflow):
        if "actions/checkout" in step.get("uses", ""):
            assert step.get("with", {}).get("persist-credentials") is False, f"{name}: credentials persisted"


def test_the_book_workflow_caches_uploads_and_reuses_the_print_edition():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    steps = dict(steps_of(workflow)) and [s for n, s in steps_of(workflow) if n == "test"]
    caches = {
        s["with"]["path"].split()[0]: s["with"]["key"] for s in steps if "actions/cache" in s.get("uses", "")
    }
    assert "constraints.txt" in caches["~/.cache/pip"]
    for needed in ("py3.11", "constraints.txt", "book/**/*.md", "data/**", "giants/**"):
        assert needed in caches["_build/.jupyter_cache"], f"the execution cache's key misses {needed}"
    uploads = [s for s in steps if "upload-artifact" in s.get("uses", "")]
    assert all(s["if"] == "always()" for s in uploads)
    uploaded = " ".join(s["with"]["path"] for s in uploads)
    for path in ("_build/html", "_build/screenshots", "_build/*.log"):
        assert path in uploaded
    runs = " ".join(s.get("run", "") for s in steps)
    assert "make pdf" not in runs and "scripts/pdf.py" not in runs, "the print edition is built twice"


def test_workflows_match_the_github_actions_schema():
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_at_medium_or_above():
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--min-severity", "medium", "--format", "plain", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- Internal links ---------------------------------------------------------------------------

LINKED = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}


def broken_internal_links(site: Path) -> list[str]:
    """Every relative href/src in the site's pages whose file, or whose #anchor in it, is missing."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids[page] = {tag["id"] for tag in soup.select("[id]")} | {
                tag["name"] for tag in soup.select("a[name]")
            }
        return ids[page]

    broken = []
    # _static/ holds theme templates copied as they are ({{ pathto(...) }}), not pages.
    pages = [p for p in sorted(site.rglob("*.html")) if "_static" not in p.relative_to(site).parts]
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LINKED.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                link = element[attribute]
                parts = urlsplit(link)
                if parts.scheme or link.startswith("//") or link in ("", "#"):
                    continue  # off-site (test_build checks pages load nothing from elsewhere)
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
                if target.is_dir():
                    target = target / "index.html"
                where = f"{page.relative_to(site)}: {link}"
                if not target.exists():
                    broken.append(f"{where} (no file)")
                elif (
                    parts.fragment
                    and target.suffix == ".html"
                    and unquote(parts.fragment) not in anchors(target)
                ):
                    broken.append(f"{where} (no #{parts.fragment})")
    return broken


def test_the_link_checker_finds_a_missing_file_and_a_missing_anchor(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text('<h1 id="there">B</h1>', encoding="utf-8")
    (tmp_path / "a.html").write_text(
        '<a href="sub/b.html#there">ok</a><a href="sub/b.html#gone">anchor</a><a href="c.html">file</a>'
        '<img src="img/x.png"><a href="https://example.org/">off</a><a href="#top">self</a><p id="top"></p>',
        encoding="utf-8",
    )
    assert broken_internal_links(tmp_path) == [
        "a.html: sub/b.html#gone (no #gone)",
        "a.html: c.html (no file)",
        "a.html: img/x.png (no file)",
    ]


def test_every_internal_link_in_the_built_book_resolves(built_book):
    broken = broken_internal_links(built_book)
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:40])


def test_chart_citations_name_the_book_and_its_release(built_book):
    release_now = release.current_versions(ROOT)["_config.yml"]
    page = built_book / "book" / "opinion-and-trade.html"
    cites = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".chart-cite")
    assert cites
    for cite in cites:
        assert f"in Vietnam between the giants (2026, version {release_now})" in cite.get_text(), cite


# --- Releases ---------------------------------------------------------------------------------

RELEASE_FILES = ["CITATION.cff", ".zenodo.json", "_config.yml", "CHANGELOG.md"]


def test_zenodo_record_agrees_with_citation_cff():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["title"] == cff["title"]
    assert [c["name"] for c in zenodo["creators"]] == [
        a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in cff["authors"]
    ]
    assert zenodo["version"] == str(cff["version"])
    assert zenodo["publication_date"] == str(cff["date-released"])
    assert zenodo["license"].upper() in cff["license"], "Zenodo's licence is not one of CITATION.cff's"
    assert zenodo["keywords"] == cff["keywords"]
    assert " ".join(zenodo["description"].split()) == " ".join(cff["abstract"].split())


def test_the_version_is_the_same_everywhere_and_the_changelog_has_it():
    versions = release.current_versions(ROOT)
    assert len(set(versions.values())) == 1, versions
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert re.search(rf"^## \[{re.escape(versions['CITATION.cff'])}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of what `make release` reads and writes, with the venv's Python standing in for .venv."""
    for name in [*RELEASE_FILES, "Makefile", "scripts/release.py", "scripts/check_python.sh"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(sys.executable)
    return tmp_path


def make_release(folder: Path, version: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "release", f"VERSION={version}"],
        cwd=folder,
        capture_output=True,
        text=True,
    )


def test_make_release_writes_one_version_to_every_file(scratch):
    before = release.current_versions(scratch)["CITATION.cff"]
    result = make_release(scratch, "0.2.0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(release.current_versions(scratch).values()) == {"0.2.0"}
    cff = yaml.safe_load((scratch / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((scratch / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["publication_date"] == str(cff["date-released"]) == release.dt.date.today().isoformat()
    changelog = (scratch / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased, rest = changelog.split("## [Unreleased]")[1].split("## [0.2.0] - ", 1)
    assert not unreleased.strip(), "Unreleased should be empty after a release"
    assert rest.startswith(str(cff["date-released"])) and f"## [{before}]" in rest
    old_entries = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").split("## [Unreleased]")[1]
    assert old_entries.split(f"## [{before}]")[0].strip() in changelog, "entries lost on the way"
    # The comments and layout of the YAML files survive.
    assert "# The book names no person" in (scratch / "CITATION.cff").read_text(encoding="utf-8")
    assert "# The book's version" in (scratch / "_config.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("version", "why"),
    [
        ("banana", "not a version"),
        ("0.0.9", "not above"),
        ("0.1", "not a version"),
        ("v0.2.0", "not a version"),
    ],
)
def test_a_bad_version_writes_nothing(scratch, version, why):
    before = {name: (scratch / name).read_bytes() for name in RELEASE_FILES}
    result = make_release(scratch, version)
    assert result.returncode != 0 and why in result.stderr and "Nothing was written" in result.stderr
    assert {name: (scratch / name).read_bytes() for name in RELEASE_FILES} == before
    assert sorted(p.name for p in scratch.iterdir() if p.name.startswith(".") and p.is_file()) == [
        ".zenodo.json"
    ]


def test_the_same_version_twice_or_files_that_disagree_write_nothing(scratch):
    assert make_release(scratch, "0.2.0").returncode == 0
    again = make_release(scratch, "0.2.0")
    assert again.returncode != 0 and "not above" in again.stderr
    config = scratch / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('release: "0.2.0"', 'release: "0.2.1"'))
    before = (scratch / "CITATION.cff").read_bytes()
    disagree = make_release(scratch, "0.3.0")
    assert disagree.returncode != 0 and "disagree" in disagree.stderr
    assert (scratch / "CITATION.cff").read_bytes() == before
