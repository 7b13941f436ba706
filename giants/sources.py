"""What the book's evidence rests on: every work in references.bib by kind, and what each
dataset's rows cite.

Every entry in references.bib carries a `kind` field, one of `KINDS`. `bibliography()` reads
them all; `sources_by_dataset()` counts, for each dataset, the distinct works its rows cite in
their `sources` columns (and `claims_sources`, `award_sources` and the like), by kind.

    from giants import sources
    sources.sources_by_dataset()
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from giants import data

#: The kinds of source, from the strongest kind of evidence for a fact to the weakest.
KINDS = {
    "official": "official or primary: governments, parties, courts and international organisations; "
    "their statements, statutes, statistics and archives",
    "scholarly": "scholarship and research institutes: books, journal articles, research centres' reports and data",
    "news": "news agencies, newspapers, magazines and broadcasters, state media included",
    "reference": "reference works: encyclopaedias (Wikipedia and its mirrors among them), yearbooks, "
    "country studies, public map data",
    "aggregator": "aggregators, blogs and personal or company websites passing on others' material",
}


def bibliography(path: Path | None = None) -> pd.DataFrame:
    """Every work in references.bib: key, kind, author, year and title, one row each."""
    import pybtex.database

    path = Path(path or data.DATA_DIR.parent / "references.bib")
    entries = pybtex.database.parse_file(str(path)).entries
    rows = []
    for key, entry in entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        rows.append(
            {
                "key": key,
                "kind": entry.fields.get("kind", ""),
                "author": re.sub(r"[{}]", "", "; ".join(str(p) for p in people)),
                "year": entry.fields.get("year", ""),
                "title": re.sub(r"[{}]", "", entry.fields.get("title", "")),
            }
        )
    return pd.DataFrame(rows).set_index("key")


def cited(value) -> list[str]:
    """The bibliography keys in one `sources` cell (semicolon-separated)."""
    if value is None or pd.isna(value):
        return []
    return [key.strip() for key in str(value).split(";") if key.strip()]


def sources_by_dataset() -> pd.DataFrame:
    """For each dataset, how many distinct works its rows cite, by kind (columns in KINDS order)."""
    works = bibliography()
    counts = {}
    for resource in data.package()["resources"]:
        columns = [
            f["name"]
            for f in resource["schema"]["fields"]
            if f["name"] == "sources" or f["name"].endswith("_sources")
        ]
        keys = {source["cite"] for source in resource.get("sources", []) if source.get("cite")}
        if columns:
            table = data.load(resource["name"])
            keys |= {key for column in columns for value in table[column] for key in cited(value)}
        counts[resource["path"]] = works.loc[sorted(keys), "kind"].value_counts()
    table = pd.DataFrame(counts).T.reindex(columns=list(KINDS)).fillna(0).astype(int)
    table["all"] = table.sum(axis=1)
    return table.rename_axis("dataset").rename_axis(None, axis=1)
