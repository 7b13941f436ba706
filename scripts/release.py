"""Make a release: write one new version to every file that names the book's version, or none.

    python scripts/release.py 0.2.0 [--date 2026-11-26]      (make release VERSION=0.2.0)

The version must be semantic (MAJOR.MINOR.PATCH, digits only) and greater than the current one,
which CITATION.cff, .zenodo.json and _config.yml must agree on; CHANGELOG.md must have something
under "Unreleased". Then, together:
- CITATION.cff: version, date-released and the preferred citation's year;
- .zenodo.json (the archival record a DOI is minted from): version and publication_date;
- _config.yml: sphinx.config.release, which the charts' "Cite this chart" lines and the print
  edition's title page read;
- CHANGELOG.md: the Unreleased entries move under "## [x.y.z] - date"; an empty Unreleased
  section stays on top for the next change.
Every new text is made and checked in memory first, so bad input writes nothing. The files are
edited as text, not re-dumped, so their comments and layout survive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
UNRELEASED = "## [Unreleased]"


class ReleaseError(Exception):
    """Why no release was made; nothing has been written."""


def parse_version(text: str) -> tuple[int, int, int]:
    match = SEMVER.fullmatch(text.strip())
    if not match:
        raise ReleaseError(f"{text!r} is not a version: give MAJOR.MINOR.PATCH, for example 0.2.0")
    return tuple(int(part) for part in match.groups())


def _one(pattern: str, text: str, where: str) -> re.Match:
    matches = list(re.finditer(pattern, text, flags=re.MULTILINE))
    if len(matches) != 1:
        raise ReleaseError(f"{where}: expected one line matching {pattern!r}, found {len(matches)}")
    return matches[0]


def _replace(match: re.Match, text: str, value: str) -> str:
    return text[: match.start("value")] + value + text[match.end("value") :]


def current_versions(root: Path) -> dict[str, str]:
    """The version each file names now."""
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    config = (root / "_config.yml").read_text(encoding="utf-8")
    zenodo = json.loads((root / ".zenodo.json").read_text(encoding="utf-8"))
    return {
        "CITATION.cff": _one(r"^version: *(?P<value>\S+)$", cff, "CITATION.cff")["value"].strip("\"'"),
        "_config.yml": _one(r"^ +release: *(?P<value>\S+)$", config, "_config.yml")["value"].strip("\"'"),
        ".zenodo.json": str(zenodo.get("version", "")),
    }


def released_changelog(text: str, version: str, date: str) -> str:
    """CHANGELOG.md with the Unreleased entries under `version`."""
    if UNRELEASED not in text:
        raise ReleaseError(f"CHANGELOG.md has no '{UNRELEASED}' section")
    if re.search(rf"^## \[{re.escape(version)}\]", text, flags=re.MULTILINE):
        raise ReleaseError(f"CHANGELOG.md already has a section for {version}")
    head, rest = text.split(UNRELEASED, 1)
    following = re.search(r"^## \[", rest, flags=re.MULTILINE)
    body = rest[: following.start()] if following else rest
    tail = rest[following.start() :] if following else ""
    if not re.search(r"^\s*[-*] \S", body, flags=re.MULTILINE):
        raise ReleaseError("CHANGELOG.md: nothing under Unreleased to release (add what changed first)")
    return f"{head}{UNRELEASED}\n\n## [{version}] - {date}{body.rstrip()}\n\n{tail}".rstrip() + "\n"


def new_texts(root: Path, version: str, date: dt.date) -> dict[Path, str]:
    """Every file's new text for the release; raises ReleaseError and writes nothing on bad input."""
    new = parse_version(version)
    found = current_versions(root)
    if len(set(found.values())) != 1:
        listed = ", ".join(f"{name} {value}" for name, value in found.items())
        raise ReleaseError(f"the files disagree on the current version ({listed}); fix them first")
    current = next(iter(found.values()))
    if new <= parse_version(current):
        raise ReleaseError(f"{version} is not above the current version {current}")
    iso = date.isoformat()

    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    cff = _replace(_one(r"^version: *(?P<value>\S+)$", cff, "CITATION.cff"), cff, version)
    cff = _replace(_one(r"^date-released: *(?P<value>\S+)$", cff, "CITATION.cff"), cff, iso)
    year = re.search(r"^ +year: *(?P<value>\d{4})$", cff, flags=re.MULTILINE)
    if year:
        cff = _replace(year, cff, str(date.year))

    config = (root / "_config.yml").read_text(encoding="utf-8")
    config = _replace(_one(r"^ +release: *(?P<value>\S+)$", config, "_config.yml"), config, f'"{version}"')

    zenodo_text = (root / ".zenodo.json").read_text(encoding="utf-8")
    zenodo = json.loads(zenodo_text)
    zenodo["version"], zenodo["publication_date"] = version, iso
    zenodo_text = json.dumps(zenodo, indent=2, ensure_ascii=False) + "\n"

    changelog = released_changelog((root / "CHANGELOG.md").read_text(encoding="utf-8"), version, iso)
    return {
        root / "CITATION.cff": cff,
        root / ".zenodo.json": zenodo_text,
        root / "_config.yml": config,
        root / "CHANGELOG.md": changelog,
    }


def write_all(texts: dict[Path, str]) -> None:
    """Write every file beside itself first, then swap each into place (no half-written file)."""
    staged = []
    try:
        for path, text in texts.items():
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            staged.append((Path(name), path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, MAJOR.MINOR.PATCH")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(), help="YYYY-MM-DD")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    try:
        texts = new_texts(options.root, options.version, options.date)
    except ReleaseError as error:
        print(f"release: {error}. Nothing was written.", file=sys.stderr)
        return 1
    write_all(texts)
    print(
        f"Version {options.version} ({options.date.isoformat()}) written to "
        + ", ".join(p.name for p in texts)
    )
    print(
        f"Next: review the diff, commit, and tag it: git tag -a v{options.version} -m 'Version {options.version}'"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
