"""What period each dataset covers, read from its rows and checked against what it declares.

Every resource in data/datapackage.json says the period it covers and when it was last checked
(custom properties, which the Data Package standard allows on a resource):

    "temporal": {"start": "-111", "end": "2023-12-13", "fields": ["year", "end_year"]},
    "last_checked": "2026-11-23",

`fields` names the columns that date a row; `start` and `end` are the oldest and newest date in
them, written YYYY, YYYY-MM or YYYY-MM-DD at the precision of the data (years BC negative, as
in the data: "-111" is 111 BC). A dataset with no dates (a coastline, a treaty polygon) lists
no fields and says why in `note`. `declared()` reads the record, `computed()` the rows;
`problems()` lists every place where the two disagree, so a test fails as soon as a file gains
a newer row than its record admits, or its record claims more than its rows hold.

How a column is read follows its type in the schema: a year column named `year` (or
`end_year`) takes its month and day from the `month`/`day` (or `end_month`/`end_day`) columns
beside it, and a partial year ends with the month a `months` column gives; other integer and `year` columns are years; `date` columns are days; strings are
YYYY, YYYY-MM or YYYY-MM-DD; numbers are decimal years, and a column named `end` closes a
half-open period [start, end) (as the timeline's eras do), so its last covered year is the one
before a whole-year end.

Run `python -m giants.coverage` to see declared against computed coverage, and add `--write`
to set the declared start and end to what the rows hold (nothing else in the file changes).
"""

from __future__ import annotations

import calendar
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from giants import data

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
#: The datasets that make up the book's record of events (the timeline); the rest is evidence.
RECORD = ("events", "eras")


@dataclass(frozen=True, order=False)
class When:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> When:
        match = re.fullmatch(r"(-?\d{1,4})(?:-(\d{2}))?(?:-(\d{2}))?", str(text).strip())
        if not match:
            raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @property
    def first(self) -> tuple[int, int, int]:
        """The first day the date can mean, for ordering starts."""
        return self.year, self.month or 1, self.day or 1

    @property
    def last(self) -> tuple[int, int, int]:
        """The last day the date can mean, for ordering ends: "2025" runs to 31 December."""
        month = self.month or 12
        # calendar has no year 0 or BC years; the length of a month is all that is needed.
        days = calendar.monthrange(self.year if self.year > 0 else 2001, month)[1]
        return self.year, month, self.day or days

    @property
    def precision(self) -> int:
        return 1 + (self.month is not None) + (self.day is not None)

    def __str__(self) -> str:
        year = f"{self.year:04d}" if self.year >= 0 else str(self.year)
        parts = [year] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    def words(self) -> str:
        """'13 December 2023', 'March 2025', '2025', '111 BC'."""
        year = f"{-self.year} BC" if self.year < 0 else str(self.year)
        if self.month is None:
            return year
        month = MONTHS[self.month - 1]
        return f"{self.day} {month} {year}" if self.day else f"{month} {year}"


def newest(dates) -> When:
    """The date that ends last; of two ending together, the more precise."""
    return max(dates, key=lambda d: (d.last, d.precision))


def oldest(dates) -> When:
    """The date that starts first; of two starting together, the more precise."""
    return min(dates, key=lambda d: (d.first, -d.precision))


def declared(name: str, data_dir: Path | None = None) -> dict:
    """The coverage a dataset's record declares: its `temporal` object."""
    res = data.resource(name, data_dir)
    if "temporal" not in res:
        raise data.DataError(f"{name}: datapackage.json declares no temporal coverage")
    return res["temporal"]


def dates(name: str, data_dir: Path | None = None) -> list[When]:
    """Every date in the dataset's dated columns (its `temporal.fields`), one per filled cell."""
    fields = declared(name, data_dir).get("fields", [])
    if not fields:
        return []
    schema = {f["name"]: f for f in data.resource(name, data_dir)["schema"]["fields"]}
    table = data.load(name, data_dir)
    found = []
    for field in fields:
        if field not in schema:
            raise data.DataError(f"{name}: temporal field {field!r} is not a column")
        found.extend(_read(table, field, schema))
    return found


def _read(table: pd.DataFrame, field: str, schema: dict) -> list[When]:
    kind = schema[field]["type"]
    column = table[field]
    if kind in ("integer", "year") and (field == "year" or field.endswith("_year")):
        prefix = field[: -len("year")]
        blank = pd.Series(pd.NA, index=table.index)
        months, days = table.get(f"{prefix}month", blank), table.get(f"{prefix}day", blank)
        # A `months` column counts the months of a partial year from January: 1 is January only.
        covered = table.get(f"{prefix}months", blank)
        found = []
        for y, m, d, c in zip(column, months, days, covered):
            if pd.isna(y):
                continue
            if pd.isna(m) and not pd.isna(c) and int(c) < 12:
                m = c
            found.append(
                When(int(y), None if pd.isna(m) else int(m), None if pd.isna(m) or pd.isna(d) else int(d))
            )
        return found
    values = [v for v in column if not pd.isna(v)]
    if kind in ("integer", "year"):
        return [When(int(v)) for v in values]
    if kind == "date":
        return [When(v.year, v.month, v.day) for v in values]
    if kind == "number":
        # Decimal years: 1862.427 falls in 1862; an exclusive end of 2024.0 last covers 2023.
        return [When(math.ceil(v) - 1 if field == "end" else math.floor(v)) for v in values]
    return [When.parse(v) for v in values]


def computed(name: str, data_dir: Path | None = None) -> dict | None:
    """The coverage the rows hold, {"start": ..., "end": ...}, or None for an undated dataset."""
    found = dates(name, data_dir)
    if not found:
        return None
    return {"start": str(oldest(found)), "end": str(newest(found))}


def problems(name: str, data_dir: Path | None = None) -> list[str]:
    """Where a dataset's declared coverage and last check disagree with its rows and record."""
    res = data.resource(name, data_dir)
    out = []
    temporal = res.get("temporal")
    if not isinstance(temporal, dict):
        return [f"{name}: no temporal coverage declared"]
    last_checked = res.get("last_checked", "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", last_checked):
        out.append(f"{name}: last_checked {last_checked!r} is not a date written YYYY-MM-DD")
    elif last_checked < res.get("retrieved", ""):
        out.append(
            f"{name}: last_checked {last_checked} is before the data were retrieved "
            f"({res['retrieved']}); a check comes after the retrieval"
        )
    found = computed(name, data_dir)
    if found is None:
        if temporal.get("start") or temporal.get("end"):
            out.append(
                f"{name}: declares {temporal.get('start')} to {temporal.get('end')} "
                "but no dated fields to check it against"
            )
        if not temporal.get("note"):
            out.append(f"{name}: an undated dataset must say in temporal.note why it has no dates")
        return out
    for end, word in (("start", "oldest"), ("end", "newest")):
        said = temporal.get(end)
        if said is None:
            out.append(f"{name}: temporal.{end} is missing; the rows' {word} date is {found[end]}")
            continue
        said_when, found_when = When.parse(said), When.parse(found[end])
        if said_when == found_when:
            continue
        later = said_when.last > found_when.last if end == "end" else said_when.first < found_when.first
        if later:
            out.append(
                f"{name}: declared {end} {said} claims more than the data hold "
                f"(their {word} date is {found[end]})"
            )
        else:
            out.append(
                f"{name}: the data's {word} date {found[end]} falls outside the declared "
                f"coverage ({end} {said})"
            )
    return out


def period(name: str, data_dir: Path | None = None) -> str:
    """The declared coverage in words: '111 BC to 13 December 2023', or the undated note."""
    temporal = declared(name, data_dir)
    if not temporal.get("end"):
        return "undated"
    return f"{When.parse(temporal['start']).words()} to {When.parse(temporal['end']).words()}"


def table(data_dir: Path | None = None) -> pd.DataFrame:
    """One row per dataset: its file, what it holds, the period it covers and its last check."""
    return pd.DataFrame(
        {
            "dataset": f"data/{r['path']}",
            "what it holds": r["title"],
            "covers": period(r["name"], data_dir),
            "dated by": ", ".join(r["temporal"].get("fields", [])) or "-",
            "last checked": r["last_checked"],
        }
        for r in data.package(data_dir)["resources"]
    )


def listing(data_dir: Path | None = None, width: int = 92) -> str:
    """The coverage table as plain text, two lines a dataset, for a checked output."""
    import textwrap

    lines = []
    for row in table(data_dir).to_dict("records"):
        dated = f" (dated by {row['dated by']})" if row["dated by"] != "-" else ""
        lines.append(f"{row['dataset']}: {row['covers']}{dated}; last checked {row['last checked']}")
        lines += textwrap.wrap(row["what it holds"], width, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines)


def record_span(data_dir: Path | None = None) -> tuple[When, When]:
    """The oldest and newest event of the record (data/events.csv)."""
    found = dates("events", data_dir)
    return oldest(found), newest(found)


def evidence_end(data_dir: Path | None = None) -> When:
    """The newest date of any dataset outside the record of events."""
    return newest(
        d
        for r in data.package(data_dir)["resources"]
        if r["name"] not in RECORD
        for d in dates(r["name"], data_dir)
    )


def last_checked(data_dir: Path | None = None) -> str:
    """The most recent check of any dataset."""
    return max(r["last_checked"] for r in data.package(data_dir)["resources"])


def statement(updated: str, data_dir: Path | None = None) -> str:
    """The introduction's coverage sentence, as the data would have it."""
    first, last = record_span(data_dir)
    day = pd.Timestamp(updated)
    return (
        f"the record from {first.words()} to {last.words()} and evidence dated up to "
        f"{evidence_end(data_dir).words()}; it was last updated on {day.day} {MONTHS[day.month - 1]} {day.year}"
    )


def write(data_dir: Path | None = None) -> list[str]:
    """Set every declared start and end to what the rows hold, editing only those values."""
    path = Path(data_dir or data.DATA_DIR) / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    changed = []
    for res in json.loads(text)["resources"]:
        found = computed(res["name"], data_dir)
        if found is None or {k: res["temporal"].get(k) for k in found} == found:
            continue
        # The resource's own block runs from its name to the next resource's name.
        start = text.index(f'"name": "{res["name"]}"')
        stop = text.find('\n    {\n      "name":', start)
        stop = len(text) if stop < 0 else stop
        block = text[start:stop]
        for key, value in found.items():
            block = re.sub(rf'("temporal": \{{[^}}]*?"{key}": )"[^"]*"', rf'\g<1>"{value}"', block, count=1)
        text = text[:start] + block + text[stop:]
        changed.append(
            f"{res['name']}: {res['temporal'].get('start')} to {res['temporal'].get('end')}"
            f" -> {found['start']} to {found['end']}"
        )
    path.write_text(text, encoding="utf-8")
    data._read_package.cache_clear()
    return changed


def main(argv: list[str]) -> int:
    if "--write" in argv:
        for line in write():
            print("set", line)
    bad = 0
    for res in data.package()["resources"]:
        found = computed(res["name"])
        said = res.get("temporal", {})
        print(
            f"{res['name']:18} declared {said.get('start', '-')} to {said.get('end', '-'):12} "
            f"data {found['start'] + ' to ' + found['end'] if found else 'undated'}"
        )
        for line in problems(res["name"]):
            print("  !", line)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


# --- What changed since the first edition ------------------------------------------------------


def _strip_myst(text: str) -> str:
    """A box's claim as plain text: roles and their citations dropped, whitespace collapsed."""
    text = re.sub(r"\s*\{[\w:-]+\}`[^`]*`", "", text)
    return " ".join(text.split())


def current_claims(root: Path | None = None) -> pd.DataFrame:
    """Every claim check in the chapters the table of contents lists now, in book order."""
    from giants.claims import register
    from giants.toc import ROOT, toc_files

    book = Path(root or ROOT) / "book"
    paths = {
        path.relative_to(book).with_suffix("").as_posix(): path
        for path in toc_files(root or ROOT)
        if path.exists()
    }
    return pd.DataFrame(
        [
            {"chapter": c.docname, "name": c.name, "claim": _strip_myst(c.claim), "verdict": c.verdict}
            for c in register(paths)
        ],
        columns=["chapter", "name", "claim", "verdict"],
    )


def verdict_changes(data_dir: Path | None = None, root: Path | None = None) -> pd.DataFrame:
    """Boxes new since the first edition, boxes whose verdict changed, and boxes removed.

    A box is the same check when it keeps its label (:name:). Columns: chapter, name, claim
    (the first edition's summary where there is one), then, now and change.
    """
    then = data.load("first_edition_claims", data_dir).set_index("name")
    now = current_claims(root).set_index("name")
    rows = []
    for name, box in now.iterrows():
        if name not in then.index:
            rows.append(
                {
                    "chapter": box["chapter"],
                    "name": name,
                    "claim": box["claim"],
                    "then": "",
                    "now": box["verdict"],
                    "change": "new",
                }
            )
        elif then.loc[name, "verdict"] != box["verdict"]:
            rows.append(
                {
                    "chapter": box["chapter"],
                    "name": name,
                    "claim": then.loc[name, "claim"],
                    "then": then.loc[name, "verdict"],
                    "now": box["verdict"],
                    "change": "verdict changed",
                }
            )
    for name, box in then.iterrows():
        if name not in now.index:
            rows.append(
                {
                    "chapter": box["chapter"],
                    "name": name,
                    "claim": box["claim"],
                    "then": box["verdict"],
                    "now": "",
                    "change": "removed",
                }
            )
    return pd.DataFrame(rows, columns=["chapter", "name", "claim", "then", "now", "change"])


def _rows_now(res: dict, data_dir: Path | None) -> int:
    if res["format"] == "geojson":
        path = Path(data_dir or data.DATA_DIR) / res["path"]
        return len(json.loads(path.read_text(encoding="utf-8"))["features"])
    return len(data.load(res["name"], data_dir))


#: Files that describe the first edition itself, not evidence the book argues from.
EDITION_FILES = ("first_edition_claims.csv", "first_edition_datasets.csv")


def dataset_changes(data_dir: Path | None = None) -> pd.DataFrame:
    """Rows per data file in the first edition and now, with the datasets' coverage now."""
    then = dict(data.load("first_edition_datasets", data_dir)[["file", "rows"]].itertuples(index=False))
    rows = []
    for res in data.package(data_dir)["resources"]:
        if res["path"] in EDITION_FILES:
            continue
        now, before = _rows_now(res, data_dir), then.pop(res["path"], None)
        change = "new" if before is None else ("same count" if now == before else f"{now - before:+d}")
        rows.append(
            {
                "file": f"data/{res['path']}",
                "then": before,
                "now": now,
                "change": change,
                "covers now": period(res["name"], data_dir),
            }
        )
    rows += [
        {"file": f"data/{file}", "then": count, "now": None, "change": "removed", "covers now": ""}
        for file, count in then.items()
    ]
    table = pd.DataFrame(rows)
    table[["then", "now"]] = table[["then", "now"]].astype("Int64")
    return table
