"""The book's table of contents (_toc.yml) as a list of chapter files, for tests and scripts."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def toc_files(root: Path = ROOT) -> list[Path]:
    """Every document _toc.yml lists, in book order, as paths to the .md files."""
    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    entries = [toc["root"]]

    def walk(items):
        for item in items or []:
            if "file" in item:
                entries.append(item["file"])
            for key in ("chapters", "sections", "parts"):
                walk(item.get(key))

    walk(toc.get("chapters"))
    walk(toc.get("parts"))
    return [Path(root) / (e if e.endswith(".md") else f"{e}.md") for e in entries]
