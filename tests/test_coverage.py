"""Coverage stated and tested: each dataset's declared period, the introduction's, and the charts'."""

import json
import re
import shutil

import altair as alt
import pandas as pd
import pytest

from giants import charts, coverage, data, timeline
from giants.coverage import When
from giants.toc import ROOT

DATA = ROOT / "data"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
NAMES = [r["name"] for r in PACKAGE["resources"]]


@pytest.mark.parametrize("name", NAMES)
def test_declared_coverage_matches_the_rows(name):
    assert coverage.problems(name) == []


@pytest.mark.parametrize("res", PACKAGE["resources"], ids=NAMES)
def test_every_dated_column_counts_towards_coverage(res):
    """A column typed date or year, or an integer year, cannot be left out of `temporal.fields`."""
    dated = {
        f["name"]
        for f in res["schema"]["fields"]
        if f["type"] in ("date", "year") or (f["type"] == "integer" and f["name"].endswith("year"))
    }
    # survey_editions is dated by its edition; its fieldwork and publication days fall in the
    # months around it and are reported in the chapter, not as the file's coverage.
    allowed = {"survey_editions": {"fieldwork_start", "fieldwork_end", "published"}}
    missing = dated - set(res["temporal"]["fields"]) - allowed.get(res["name"], set())
    assert not missing, f"{res['name']}: dated columns {sorted(missing)} are not in temporal.fields"


@pytest.mark.parametrize("res", PACKAGE["resources"], ids=NAMES)
def test_a_title_that_names_a_period_names_the_declared_one(res):
    """'Dated events …, 111 BC to 2023': the years a title gives are the coverage's first and last."""
    temporal = res["temporal"]
    years = [
        -int(bc) if bc else int(ad) for bc, ad in re.findall(r"(\d+) BC|\b(1\d{3}|20\d{2})\b", res["title"])
    ]
    if not temporal.get("end") or not years:
        return
    assert max(years) == When.parse(temporal["end"]).year, (
        f"{res['name']}: title {res['title']!r} vs {temporal}"
    )
    if len(years) > 1:
        assert min(years) == When.parse(temporal["start"]).year, (
            f"{res['name']}: title {res['title']!r} vs {temporal}"
        )


@pytest.fixture
def scratch(tmp_path):
    for path in DATA.iterdir():
        shutil.copy(path, tmp_path)
    yield tmp_path
    data._read_package.cache_clear()


def test_a_row_newer_than_the_declared_end_fails(scratch):
    trade = (scratch / "trade.csv").read_text(encoding="utf-8").splitlines()
    newest = max(int(line.split(",")[0]) for line in trade[1:])
    row = trade[1].split(",")
    row[0] = str(newest + 1)
    (scratch / "trade.csv").write_text("\n".join([*trade, ",".join(row)]) + "\n", encoding="utf-8")
    [problem] = coverage.problems("trade", scratch)
    assert f"newest date {newest + 1}" in problem and "outside the declared coverage" in problem


def test_a_declared_end_later_than_the_rows_fails(scratch):
    package = json.loads((scratch / "datapackage.json").read_text())
    events = next(r for r in package["resources"] if r["name"] == "events")
    events["temporal"]["end"] = "2099-01"
    (scratch / "datapackage.json").write_text(json.dumps(package))
    [problem] = coverage.problems("events", scratch)
    assert "claims more than the data hold" in problem


def test_write_sets_declared_coverage_to_the_rows(scratch):
    text = (scratch / "datapackage.json").read_text()
    declared_end = coverage.declared("incidents", scratch)["end"]
    declared_start = coverage.declared("incidents", scratch)["start"]
    (scratch / "datapackage.json").write_text(text.replace(f'"end": "{declared_end}"', '"end": "1999"', 1))
    data._read_package.cache_clear()
    assert coverage.problems("incidents", scratch)
    assert coverage.write(scratch) == [
        f"incidents: {declared_start} to 1999 -> {declared_start} to {declared_end}"
    ]
    assert coverage.problems("incidents", scratch) == []
    assert (scratch / "datapackage.json").read_text() == text, "write changed more than the two values"


def test_an_undated_dataset_must_say_why(scratch):
    package = json.loads((scratch / "datapackage.json").read_text())
    basemap = next(r for r in package["resources"] if r["name"] == "basemap")
    del basemap["temporal"]["note"]
    basemap["last_checked"] = "2020-01-01"
    (scratch / "datapackage.json").write_text(json.dumps(package))
    found = coverage.problems("basemap", scratch)
    assert any("must say in temporal.note" in p for p in found)
    assert any("before the data were retrieved" in p for p in found)


@pytest.mark.parametrize(
    "text, words, last",
    [
        ("-111", "111 BC", (-111, 12, 31)),
        ("2025", "2025", (2025, 12, 31)),
        ("2024-02", "February 2024", (2024, 2, 29)),
        ("2023-12-13", "13 December 2023", (2023, 12, 13)),
    ],
)
def test_dates_are_read_and_written_at_their_precision(text, words, last):
    when = When.parse(text)
    assert str(when) == text and when.words() == words and when.last == last


def test_newest_is_the_date_that_ends_last():
    # A year runs to December: full-year 2025 figures are newer than an estimate of March 2025.
    assert (
        str(coverage.newest([When.parse("2025-03"), When.parse("2025"), When.parse("2024-12-31")])) == "2025"
    )
    assert str(coverage.oldest([When.parse("2014"), When.parse("2014-12")])) == "2014"


def test_coverage_table_lists_every_dataset_with_its_period():
    table = coverage.table()
    assert list(table["dataset"]) == [f"data/{r['path']}" for r in PACKAGE["resources"]]
    events = table.set_index("dataset").loc["data/events.csv"]
    first, last = coverage.record_span()
    assert events["covers"] == f"{first.words()} to {last.words()}"


# --- Charts state the year their data run to -------------------------------------------------


def _line(frame, x="year"):
    return alt.Chart(frame).mark_line().encode(x=f"{x}:O", y="usd_bn:Q")


TRADE = pd.DataFrame({"year": [2023, 2024, 2025], "usd_bn": [1.0, 2.0, 3.0]})


def test_finish_refuses_a_dated_chart_whose_source_hides_its_end():
    with pytest.raises(ValueError, match=r"year the chart's data run to \(2025\)"):
        charts.finish(
            _line(TRADE), source="data/trade.csv, 2023-2024", alt_text="Three years of trade, rising."
        )


@pytest.mark.parametrize("source", ["data/trade.csv, 2023-2025", "data/trade.csv to 2025 (preliminary)"])
def test_finish_accepts_a_source_that_states_the_end(source):
    spec = charts.finish(_line(TRADE), source=source, alt_text="Three years of trade, rising.").to_dict()
    assert spec["usermeta"]["giants"]["source"] == source


def test_a_year_inside_a_longer_number_does_not_count():
    with pytest.raises(ValueError):
        charts.finish(
            _line(TRADE), source="data/trade.csv, 20250 rows", alt_text="Three years of trade, rising."
        )


def test_the_end_is_read_from_every_layer_and_dated_column():
    fdi = pd.DataFrame({"period_end": pd.to_datetime(["2014-12-31", "2025-05-31"]), "usd_bn": [8.0, 94.0]})
    layered = alt.layer(_line(TRADE.assign(year=TRADE["year"] - 10)), _line(fdi, "period_end"))
    assert charts.data_end(layered.to_dict(validate=False)) == 2025
    estimates = pd.DataFrame({"as_of": ["2014-12", "2025-03"], "usd_bn": [1.0, 2.0]})
    assert charts.data_end(_line(estimates, "as_of").to_dict(validate=False)) == 2025
    # Start-type dates (since when a feature is held) and undated data set no end.
    held = pd.DataFrame({"occupied_since": [1956, 1988], "usd_bn": [1.0, 2.0]})
    assert charts.data_end(_line(held, "occupied_since").to_dict(validate=False)) is None


def test_a_year_bc_is_stated_as_the_book_writes_it():
    ancient = pd.DataFrame({"year": [-111, -40], "usd_bn": [1.0, 2.0]})
    with pytest.raises(ValueError, match="40 BC"):
        charts.finish(_line(ancient), source="events of -111 to -40", alt_text="Two ancient events.")
    charts.finish(_line(ancient), source="events of 111 BC to 40 BC", alt_text="Two ancient events.")


def test_timeline_span_follows_the_newest_event():
    events, eras = timeline.events(), timeline.eras()
    first, last = coverage.record_span()
    assert timeline.span(events, eras) == f"{first.words()} to {charts.year_words(last.year)}"
    assert (
        timeline.span(events, eras, 1949, 1992) == "1949 to 1992"
    )  # the June 1992 plenum falls in the padded window


# --- The introduction states the book's coverage -----------------------------------------------

INTRO = " ".join((ROOT / "book" / "intro.md").read_text(encoding="utf-8").split())
STATED = re.search(
    r"This edition covers the record from (?P<first>.+?) to (?P<last>.+?) and evidence "
    r"dated up to (?P<evidence>.+?); it was last updated on (?P<updated>\d{1,2} \w+ \d{4})\.",
    INTRO,
)


def test_intro_states_its_coverage_in_the_checked_form():
    assert STATED, (
        "book/intro.md must say 'This edition covers the record from … to … and evidence dated "
        "up to …; it was last updated on D Month YYYY.'"
    )


def test_intro_coverage_agrees_with_the_newest_event_and_evidence():
    first, last = coverage.record_span()
    assert (STATED["first"], STATED["last"]) == (first.words(), last.words()), (
        f"the introduction says the record runs {STATED['first']} to {STATED['last']}; "
        f"data/events.csv runs {first.words()} to {last.words()}"
    )
    assert STATED["evidence"] == coverage.evidence_end().words(), (
        f"the introduction says evidence up to {STATED['evidence']}; the newest is {coverage.evidence_end().words()}"
    )


def test_intro_last_update_is_no_older_than_any_check_or_event():
    updated = pd.Timestamp(STATED["updated"])
    assert updated >= pd.Timestamp(coverage.last_checked()), (
        f"the introduction's last update ({STATED['updated']}) predates a dataset's last check "
        f"({coverage.last_checked()})"
    )
    newest = coverage.record_span()[1]
    assert updated >= pd.Timestamp(*newest.first), "the book cannot be updated before its newest event"
    assert updated <= pd.Timestamp.now(), "the last update cannot lie in the future"


# --- What changed since the first edition ------------------------------------------------------


def test_first_edition_claims_are_the_boxes_before_the_audit():
    then = data.load("first_edition_claims")
    assert len(then) == 14 and "contradicted" not in set(then["verdict"])
    now = coverage.current_claims()
    assert set(then["name"]) <= set(now["name"]), (
        "a first-edition box disappeared: list it as removed, on purpose"
    )


def test_verdict_changes_list_new_changed_and_removed_boxes(scratch):
    table = (scratch / "first_edition_claims.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in table if not line.startswith("the-sea,")]  # the-sea box: now "new"
    kept = [
        line.replace(",caporale2022,supported", ",caporale2022,unverified")  # as if it had changed
        if "claim-us-carriers" in line
        else line
        for line in kept
    ]
    kept.append('two-visits,claim-gone,"A claim no box checks any more.",diplomat2023,supported')
    (scratch / "first_edition_claims.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    changes = coverage.verdict_changes(scratch).set_index("name")["change"]
    assert changes["claim-china-3200-acres-spratlys"] == "new"
    assert changes["claim-us-carriers-called-at-vietnam"] == "verdict changed"
    assert changes["claim-gone"] == "removed"
    assert "claim-comprehensive-partnership-2013-embargo-2016" not in changes.index, (
        "an unchanged box is listed"
    )


def test_dataset_changes_count_rows_then_and_now(scratch):
    text = (scratch / "first_edition_datasets.csv").read_text(encoding="utf-8")
    (scratch / "first_edition_datasets.csv").write_text(
        text.replace("kalayaan.csv,6\n", "kalayaan.csv,4\nlost.csv,7\n"), encoding="utf-8"
    )
    changes = coverage.dataset_changes(scratch).set_index("file")
    assert changes.loc["data/kalayaan.csv", "change"] == "+2"
    assert changes.loc["data/lost.csv", "change"] == "removed"
    assert changes.loc["data/small_islands.csv", "change"] == "new"
    assert "data/first_edition_claims.csv" not in changes.index


def test_a_partial_year_ends_with_its_last_month():
    """A trade row for January 2026 alone ('months' = 1) runs to January, not to December."""
    table = pd.DataFrame(
        {"year": pd.array([2025, 2026], dtype="Int64"), "months": pd.array([12, 1], dtype="Int64")}
    )
    schema = {"year": {"type": "year"}, "months": {"type": "integer"}}
    found = coverage._read(table, "year", schema)
    assert [str(d) for d in found] == ["2025", "2026-01"]
    assert str(coverage.newest(found)) == "2026-01"
