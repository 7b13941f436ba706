"""Checks that teach: for every assignment task, a table of wrong answers (a wrong type, a
plausible mistake, an empty answer, ...) that the check must reject, each with the hint that
names that mistake, and a right answer it must accept.

The right answers are computed here the way the answer keys compute them; the checks
themselves hold none (giants/checks.py re-measures what the student chose).
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache

import altair as alt
import geopandas as gpd
import nbformat
import pandas as pd
import pytest

from giants import charts, checks, data, maps
from giants.toc import ROOT

IDS = ["triton-island", "spratly-island", "fiery-cross-reef"]


@cache
def land():
    return maps.basemap()


@cache
def zone():
    return maps.distance_zone(land(), "Vietnam")


def coast_km(country, ids=IDS):
    chosen = maps.features().set_index("id").loc[ids]
    return maps.nearest_coast_km(gpd.GeoSeries(chosen.geometry, crs=4326), land(), country)


def distances():
    return coast_km("Vietnam")


def area(nautical_miles=100):
    sea = maps.at_sea(maps.distance_zone(land(), "Vietnam", nautical_miles=nautical_miles), land())
    return float(gpd.GeoSeries([sea], crs=4326).to_crs(maps.EQUAL_AREA).area.iloc[0] / 1e6)


def alignment():
    return data.load("survey_alignment")


def rows(country="Philippines"):
    table = alignment()
    return table[table["country"] == country].sort_values("edition")


def gap(column="us_pct", country="Philippines"):
    shares = alignment().pivot(index="edition", columns="country", values=column)
    return (shares[country] - shares["ASEAN"]).dropna()


def chart(column="us_pct", countries=("Philippines", "ASEAN"), source=True):
    table = alignment()
    pair = table[table["country"].isin(countries)] if countries else table
    lines = (
        alt.Chart(pair)
        .mark_line(point=True)
        .encode(
            x=alt.X("edition:O", title="Survey edition"),
            y=alt.Y(f"{column}:Q", title="Share (%)"),
            color=alt.Color("country:N"),
            tooltip=["country:N", "us_pct:Q"],
        )
    )
    lines = lines.properties(
        title=alt.Title("The Philippines leans to the United States", subtitle="More than the region does.")
    )
    if not source:
        return lines
    return charts.finish(
        lines,
        source="data/survey_alignment.csv: ISEAS-Yusof Ishak Institute, 2020-2025.",
        alt_text="Line chart of the share choosing the United States, the Philippines against "
        "ASEAN, 2020 to 2025.",
    )


def totals(*, reporter="Vietnam customs", both_flows=True, full_years=True):
    trade = data.load("trade")
    rows_ = trade[trade["reporter"] == reporter]
    if full_years:
        rows_ = rows_[rows_["months"] == 12]
    if both_flows:
        rows_ = rows_.groupby(["year", "partner"]).filter(lambda g: len(g) == 2)
    return (
        rows_.groupby(["year", "partner"])["usd_bn"]
        .sum()
        .unstack()
        .reindex(columns=["China", "United States"])
    )


def reasons():
    both = totals().dropna()
    last = both.index.max()
    return (
        f"By Vietnam's customs figures, trade with China exceeded trade with the United States in all "
        f"{len(both)} years compared. In {last} it was {both.at[last, 'China']:.1f} against "
        f"{both.at[last, 'United States']:.1f} billion dollars."
    )


# Each row: task, what the student did, the call, and the hint it must get (None: a tick).
CASES = [
    # measure the sea, Task 1
    ("sea-1", "one string, not a list", lambda: checks.chosen_features("triton-island"), r"not one string"),
    ("sea-1", "a dict", lambda: checks.chosen_features({"a": 1}), r"list of strings"),
    ("sea-1", "empty list", lambda: checks.chosen_features([]), r"at least three"),
    (
        "sea-1",
        "a misspelt id",
        lambda: checks.chosen_features(["triton-islnd", *IDS[1:], "woody-island"]),
        r"not ids.*Did you mean 'triton-island'",
    ),
    (
        "sea-1",
        "names, not ids",
        lambda: checks.chosen_features(["Triton Island", "Spratly Island", "Woody Island"]),
        r"not ids",
    ),
    (
        "sea-1",
        "three Philippine-held features",
        lambda: checks.chosen_features(["thitu-island", "west-york-island", "nanshan-island"]),
        r"held by China or Vietnam",
    ),
    (
        "sea-1",
        "no Vietnamese-held feature",
        lambda: checks.chosen_features(["triton-island", "woody-island", "fiery-cross-reef"]),
        r"held by Vietnam",
    ),
    ("sea-1", "right", lambda: checks.chosen_features(IDS), None),
    # measure the sea, Task 2
    (
        "sea-2",
        "a list, not a Series",
        lambda: checks.distances_km(IDS, list(distances()), land()),
        r"pandas Series",
    ),
    ("sea-2", "empty Series", lambda: checks.distances_km(IDS, pd.Series(dtype=float), land()), r"empty"),
    (
        "sea-2",
        "text values",
        lambda: checks.distances_km(IDS, distances().map(lambda d: f"{d:.0f} km"), land()),
        r"not text",
    ),
    (
        "sea-2",
        "degrees",
        lambda: checks.distances_km(IDS, pd.Series([2.2, 3.1, 4.5], index=IDS), land()),
        r"degrees",
    ),
    ("sea-2", "metres", lambda: checks.distances_km(IDS, distances() * 1000, land()), r"metres"),
    (
        "sea-2",
        "measured to the Philippines' coast",
        lambda: checks.distances_km(IDS, coast_km("Philippines"), land()),
        r"Vietnam's coasts only",
    ),
    (
        "sea-2",
        "indexed 0, 1, 2",
        lambda: checks.distances_km(IDS, distances().reset_index(drop=True), land()),
        r"indexed by its id",
    ),
    ("sea-2", "right", lambda: checks.distances_km(IDS, distances(), land()), None),
    # measure the sea, Task 3
    ("sea-3", "text", lambda: checks.count_inside(IDS, "2", zone()), r"not text"),
    (
        "sea-3",
        "a list of ids",
        lambda: checks.count_inside(IDS, ["spratly-island"], zone()),
        r"single number",
    ),
    ("sea-3", "more than chosen", lambda: checks.count_inside(IDS, 5, zone()), r"at most 3"),
    ("sea-3", "a fraction", lambda: checks.count_inside(IDS, 1.5, zone()), r"whole number"),
    (
        "sea-3",
        "counted by distance, not polygon",
        lambda: checks.count_inside(
            IDS, int(maps.features().set_index("id").loc[IDS].within(zone()).sum()) + 1, zone()
        ),
        r"recount",
    ),
    (
        "sea-3",
        "right",
        lambda: checks.count_inside(
            IDS, int(maps.features().set_index("id").loc[IDS].within(zone()).sum()), zone()
        ),
        None,
    ),
    # measure the sea, Task 4
    ("sea-4", "text with units", lambda: checks.zone_area_km2("581,584 km²", land(), 100), r"not text"),
    ("sea-4", "an empty list", lambda: checks.zone_area_km2([], land(), 100), r"single number, not a list"),
    ("sea-4", "radius 200", lambda: checks.zone_area_km2(area(200), land(), 200), r"100 nautical miles"),
    (
        "sea-4",
        "the 200-nm zone's area under radius 100",
        lambda: checks.zone_area_km2(area(200), land(), 100),
        r"full 200-nautical-mile zone",
    ),
    ("sea-4", "degrees", lambda: checks.zone_area_km2(40.0, land(), 100), r"far too small"),
    ("sea-4", "square metres", lambda: checks.zone_area_km2(area() * 1e6, land(), 100), r"square metres"),
    ("sea-4", "land kept", lambda: checks.zone_area_km2(area() * 1.3, land(), 100), r"maps.at_sea"),
    ("sea-4", "right", lambda: checks.zone_area_km2(area(), land(), 100), None),
    # chart a survey question, Task 1
    ("survey-1", "a list of countries", lambda: checks.country_rows(["Philippines"], rows()), r"as text"),
    (
        "survey-1",
        "Vietnam",
        lambda: checks.country_rows("Vietnam", rows("Vietnam")),
        r"already charts Vietnam",
    ),
    ("survey-1", "ASEAN", lambda: checks.country_rows("ASEAN", rows("ASEAN")), r"not a member"),
    (
        "survey-1",
        "misspelt",
        lambda: checks.country_rows("Phillipines", rows()),  # codespell:ignore (the misspelling under test)
        r"Did you mean 'Philippines'",
    ),
    ("survey-1", "empty rows", lambda: checks.country_rows("Philippines", rows().iloc[0:0]), r"empty"),
    ("survey-1", "a Series", lambda: checks.country_rows("Philippines", rows()["us_pct"]), r"DataFrame"),
    (
        "survey-1",
        "another country's rows",
        lambda: checks.country_rows("Philippines", rows("Malaysia")),
        r"only the rows where country == 'Philippines'",
    ),
    (
        "survey-1",
        "a missing edition filled",
        lambda: checks.country_rows(
            "Philippines", pd.concat([rows(), rows().iloc[[0]].assign(edition=2019)]).sort_values("edition")
        ),
        r"do not add or drop",
    ),
    (
        "survey-1",
        "out of order",
        lambda: checks.country_rows("Philippines", rows().iloc[::-1]),
        r"edition order",
    ),
    ("survey-1", "right", lambda: checks.country_rows("Philippines", rows()), None),
    # chart a survey question, Task 2
    ("survey-2", "a number", lambda: checks.gap_to_asean("Philippines", 25.0), r"Series"),
    (
        "survey-2",
        "a table",
        lambda: checks.gap_to_asean("Philippines", gap().to_frame()),
        r"not a whole table",
    ),
    ("survey-2", "empty", lambda: checks.gap_to_asean("Philippines", pd.Series(dtype=float)), r"empty"),
    ("survey-2", "reversed sign", lambda: checks.gap_to_asean("Philippines", -gap()), r"sign is reversed"),
    ("survey-2", "China's share", lambda: checks.gap_to_asean("Philippines", gap("china_pct")), r"china_pct"),
    (
        "survey-2",
        "missing editions kept as 0",
        lambda: checks.gap_to_asean("Philippines", gap().reindex(range(2019, 2026)).fillna(0)),
        r"only for editions where both",
    ),
    (
        "survey-2",
        "ratio, not difference",
        lambda: checks.gap_to_asean(
            "Philippines",
            (rows().set_index("edition")["us_pct"] / rows("ASEAN").set_index("edition")["us_pct"]).dropna(),
        ),
        r"minus ASEAN's",
    ),
    ("survey-2", "right", lambda: checks.gap_to_asean("Philippines", gap()), None),
    # chart a survey question, Task 3
    (
        "survey-3",
        "the data, not a chart",
        lambda: checks.finished_chart(rows(), "Philippines"),
        r"Altair chart",
    ),
    (
        "survey-3",
        "China's share",
        lambda: checks.finished_chart(chart("china_pct"), "Philippines"),
        r"china_pct",
    ),
    (
        "survey-3",
        "China's share for every country",
        lambda: checks.finished_chart(chart("china_pct", countries=None), "Philippines"),
        r"china_pct",
    ),
    (
        "survey-3",
        "every country",
        lambda: checks.finished_chart(chart(countries=None), "Philippines"),
        r"keep only Philippines and ASEAN",
    ),
    (
        "survey-3",
        "another country's lines",
        lambda: checks.finished_chart(chart(countries=("Malaysia", "ASEAN")), "Philippines"),
        r"should show Philippines",
    ),
    (
        "survey-3",
        "not finished",
        lambda: checks.finished_chart(chart(source=False), "Philippines"),
        r"charts.finish",
    ),
    (
        "survey-3",
        "a chart with no encoding",
        lambda: checks.finished_chart(alt.Chart(rows()).mark_line(), "Philippines"),
        r"no field",
    ),
    (
        "survey-3",
        "an empty chart",
        lambda: checks.finished_chart(alt.Chart(), "Philippines"),
        r"cannot be drawn",
    ),
    ("survey-3", "right", lambda: checks.finished_chart(chart(), "Philippines"), None),
    # test a claim, Task 1
    ("claim-1", "a Series", lambda: checks.totals_by_year(totals().stack()), r"\.unstack\(\)"),
    ("claim-1", "a number", lambda: checks.totals_by_year(205.4), r"DataFrame indexed by year"),
    ("claim-1", "empty", lambda: checks.totals_by_year(totals().iloc[0:0]), r"empty"),
    ("claim-1", "one year", lambda: checks.totals_by_year(totals().loc[[2024]]), r"years are missing"),
    (
        "claim-1",
        "single-flow years kept",
        lambda: checks.totals_by_year(totals(both_flows=False)),
        r"only one flow",
    ),
    (
        "claim-1",
        "January 2026 kept",
        lambda: checks.totals_by_year(totals(both_flows=False, full_years=False)),
        r"full years",
    ),
    (
        "claim-1",
        "China Customs' figures",
        lambda: checks.totals_by_year(totals(reporter="China Customs")),
        r"off|only Vietnam's customs",
    ),
    (
        "claim-1",
        "columns misnamed",
        lambda: checks.totals_by_year(totals().rename(columns={"United States": "US"})),
        r"one column per partner",
    ),
    (
        "claim-1",
        "exports only",
        lambda: checks.totals_by_year(
            data.load("trade")
            .query("reporter == 'Vietnam customs' and flow == 'Vietnam exports' and months == 12")
            .groupby(["year", "partner"])["usd_bn"]
            .sum()
            .unstack()[["China", "United States"]]
        ),
        r"off|only one flow",
    ),
    ("claim-1", "right", lambda: checks.totals_by_year(totals()), None),
    # test a claim, Task 3
    ("claim-3", "not a word", lambda: checks.verdict(True, reasons(), totals()), r"one word as text"),
    ("claim-3", "capitalised", lambda: checks.verdict("Supported", reasons(), totals()), r"lower case"),
    ("claim-3", "not a verdict", lambda: checks.verdict("true", reasons(), totals()), r"one of supported"),
    ("claim-3", "totals not passed", lambda: checks.verdict("supported", reasons()), r"pass your totals"),
    (
        "claim-3",
        "against the evidence",
        lambda: checks.verdict("contradicted", "Bananas. Are yellow.", totals()),
        r"China ahead in \d+ of the \d+ years.*supported, not contradicted",
    ),
    (
        "claim-3",
        "unverified with evidence",
        lambda: checks.verdict("unverified", reasons(), totals()),
        r"your totals test this one",
    ),
    (
        "claim-3",
        "qualified while the totals agree",
        lambda: checks.verdict("qualified", reasons(), totals()),
        r"supported, not qualified",
    ),
    ("claim-3", "empty reasons", lambda: checks.verdict("supported", "", totals()), r"write my_reasons"),
    (
        "claim-3",
        "reasons citing nothing",
        lambda: checks.verdict("supported", "China is bigger. Everyone knows it.", totals()),
        r"cite your evidence",
    ),
    (
        "claim-3",
        "reasons with a year but no figure",
        lambda: checks.verdict("supported", "China was bigger in 2024. It always is.", totals()),
        r"name a figure",
    ),
    (
        "claim-3",
        "reasons with figures not in the totals",
        lambda: checks.verdict("supported", "In 2024 China had 999.9 and the US 1.2. So it leads.", totals()),
        r"name a figure",
    ),
    ("claim-3", "empty totals", lambda: checks.verdict("supported", reasons(), totals().iloc[0:0]), r"empty"),
    ("claim-3", "right", lambda: checks.verdict("supported", reasons(), totals()), None),
]


@pytest.mark.parametrize("task, mistake, call, hint", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_each_answer_gets_the_hint_for_its_mistake(task, mistake, call, hint, capsys):
    if hint is None:
        call()
        assert "✓" in capsys.readouterr().out
    else:
        with pytest.raises(checks.CheckFailed, match=hint) as failure:
            call()
        assert str(failure.value).startswith("✗ Task"), "a hint names its task"


def test_every_task_has_three_wrong_answers_and_a_right_one():
    tasks = {task for task, *_ in CASES}
    assert len(tasks) == 9  # every task with a check cell; the others are written
    for task in tasks:
        hints = [hint for t, _, _, hint in CASES if t == task]
        assert hints.count(None) >= 1 and len(hints) - hints.count(None) >= 3, task


def test_a_wrong_answer_stays_an_assertion_error_in_plain_python():
    """pytest, nbgrader and plain Python see a failed check (an AssertionError, with its hint)."""
    result = subprocess.run(
        [sys.executable, "-c", "from giants import checks; checks.chosen_features('x')"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "CheckFailed: ✗ Task 1" in result.stderr
    assert issubclass(checks.CheckFailed, AssertionError)


def test_in_jupyter_a_hint_shows_as_one_line_not_a_traceback():
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("from giants import checks\nchecks.chosen_features(['triton-island'])")
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, allow_errors=True, timeout=120, resources={"metadata": {"path": str(ROOT)}}).execute()
    (error,) = [output for output in nb.cells[0].outputs if output.output_type == "error"]
    assert error.traceback == [
        "✗ Task 1 (choose features): not yet. choose at least three different features."
    ]
