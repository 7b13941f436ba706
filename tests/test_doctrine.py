"""Vietnam's doctrine formulas (data/doctrine.csv): dated by the events they point to, sourced, and
honest about how directly each was read."""

import re

import pandas as pd
import pytest

from giants import data
from giants.toc import ROOT

BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M))


@pytest.fixture(scope="module")
def doctrine():
    return data.load("doctrine")


@pytest.fixture(scope="module")
def events():
    return data.load("events").set_index("id")


def _date(row):
    return tuple(None if pd.isna(row[part]) else int(row[part]) for part in ("year", "month", "day"))


def test_every_formula_is_dated_by_an_event_with_the_same_date(doctrine, events):
    missing = set(doctrine["event"]) - set(events.index)
    assert not missing, f"doctrine rows point to events that do not exist: {sorted(missing)}"
    for _, row in doctrine.iterrows():
        event = events.loc[row["event"]]
        assert _date(row) == _date(event), (
            f"{row['id']}: {_date(row)} but event {row['event']} is {_date(event)}"
        )
        assert row["precision"] == event["precision"], row["id"]


def test_ids_start_with_the_year_and_rows_run_in_date_order(doctrine):
    assert all(ident.startswith(f"{year}-") for ident, year in zip(doctrine["id"], doctrine["year"]))
    order = [
        (r.year, 0 if pd.isna(r.month) else r.month, 0 if pd.isna(r.day) else r.day)
        for r in doctrine.itertuples()
    ]
    assert order == sorted(order)


def test_precision_matches_the_parts_of_the_date(doctrine):
    for _, row in doctrine.iterrows():
        expected = "day" if pd.notna(row["day"]) else "month" if pd.notna(row["month"]) else "year"
        assert row["precision"] == expected, row["id"]


def test_every_row_is_sourced_from_the_bibliography(doctrine):
    keys = {k for keys in doctrine["sources"] for k in keys.split(";")}
    assert keys <= BIB_KEYS, sorted(keys - BIB_KEYS)


def test_rows_not_read_in_the_text_say_what_was_not_found(doctrine):
    # Only a row whose document was read may skip saying what was missing.
    for _, row in doctrine[doctrine["evidence"] != "text"].iterrows():
        assert re.search(r"not (found|read|confirmed)|only", row["note"]), row["id"]


def test_the_noes_count_what_their_names_say(doctrine):
    rows = doctrine.set_index("id")
    three = rows.loc["2009-three-noes", "formula"].split(":", 1)[1]
    four = rows.loc["2019-four-noes", "formula"].split(":", 1)[1]
    assert len(re.findall(r"\bno\b", three)) == 3
    assert len(four.split(";")) == 4
    # The 2019 paper kept the 2009 three and added the pledge on force.
    assert "force" in four and "force" not in three


def test_the_slogan_is_not_attributed_to_resolution_13(doctrine):
    # The book found 'more friends, fewer enemies' only as a maxim of Ho Chi Minh's.
    row = doctrine.set_index("id").loc["1988-peace-and-economy"]
    assert "fewer enemies" not in row["formula"]
    assert "Ho Chi Minh" in row["note"]
