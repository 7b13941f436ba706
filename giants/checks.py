"""Self-checks for the assignments.

Each check re-does the student's own computation a second, independent way and compares; it
never holds a hidden answer. An unanswered task (still None) gets a reminder, a wrong one an
AssertionError whose message says what to look at, a right one a tick.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from giants import data, maps
from giants import trade as trade_rows

VERDICTS = ("supported", "qualified", "contradicted", "unverified")


def _pending(task: str, answer) -> bool:
    if answer is None:
        print(f"… {task}: not answered yet.")
        return True
    return False


def _ok(task: str, detail: str = "") -> None:
    print(f"✓ {task}: looks right.{' ' + detail if detail else ''}")


def _fail(task: str, hint: str) -> None:
    raise AssertionError(f"✗ {task}: not yet. {hint}")


# --- Assignment: measure the sea --------------------------------------------------------------


def chosen_features(ids) -> None:
    task = "Task 1 (choose features)"
    if _pending(task, ids):
        return
    known = set(maps.features()["id"])
    unknown = [i for i in ids if i not in known]
    if unknown:
        _fail(task, f"{unknown} are not ids in data/features.csv; copy ids from the table above.")
    if len(set(ids)) < 3:
        _fail(task, "choose at least three different features.")
    _ok(task)


def distances_km(ids, distances, land) -> None:
    task = "Task 2 (distance to Vietnam's coast)"
    if _pending(task, distances):
        return
    distances = pd.Series(distances)
    if set(distances.index) != set(ids):
        _fail(task, "give one distance per chosen feature, indexed by its id.")
    if (distances < 20).any():
        _fail(
            task,
            "some distances are tiny: were they measured in degrees? Measure in a "
            "projected CRS or along the ellipsoid, in kilometres.",
        )
    chosen = maps.features().set_index("id").loc[list(distances.index)]
    expected = pd.Series(
        maps.nearest_coast_km(gpd.GeoSeries(chosen.geometry, crs=4326), land, "Vietnam"), index=chosen.index
    )
    off = ((distances - expected).abs() / expected).max()
    if off > 0.02:
        _fail(
            task,
            f"a distance is {off:.0%} off an independent measurement: measure to Vietnam's "
            "coasts only (maps.coasts(land, 'Vietnam')), not to other land.",
        )
    _ok(task)


def count_inside(ids, count, zone) -> None:
    task = "Task 3 (features inside the zone)"
    if _pending(task, count):
        return
    chosen = maps.features().set_index("id").loc[list(ids)]
    expected = int(chosen.within(zone).sum())
    if int(count) != expected:
        _fail(
            task,
            "recount: a feature is inside if its point lies within the zone polygon "
            "(GeoSeries.within), whatever its distance to other coasts.",
        )
    _ok(task)


def zone_area_km2(area, land, nautical_miles) -> None:
    task = "Task 4 (area of the what-if zone)"
    if _pending(task, area):
        return
    sea = maps.at_sea(maps.distance_zone(land, "Vietnam", nautical_miles=nautical_miles), land)
    expected = float(gpd.GeoSeries([sea], crs=4326).to_crs(maps.EQUAL_AREA).area.iloc[0] / 1e6)
    if area < 1000:
        _fail(
            task,
            "the area is far too small: areas computed in degrees (EPSG:4326) are "
            "meaningless. Project to maps.EQUAL_AREA first, and divide m² by 1e6.",
        )
    if abs(area - expected) / expected > 0.01:
        _fail(
            task,
            "the area is more than 1% off an independent measurement: did you keep only "
            "the sea (maps.at_sea) and use the equal-area projection?",
        )
    _ok(task, f"({area:,.0f} km²)")


# --- Assignment: chart a survey question ------------------------------------------------------


def country_rows(country, rows) -> None:
    task = "Task 1 (the country's rows)"
    if _pending(task, rows):
        return
    table = data.load("survey_alignment")
    if set(rows["country"]) != {country}:
        _fail(task, f"keep only the rows where country == {country!r}.")
    expected = table[table["country"] == country]
    if sorted(rows["edition"]) != sorted(expected["edition"]):
        _fail(
            task,
            "the editions differ from the data: do not add or drop years (a missing year stays missing).",
        )
    _ok(task, f"({len(rows)} editions)")


def gap_to_asean(country, gap) -> None:
    task = "Task 2 (gap to ASEAN)"
    if _pending(task, gap):
        return
    table = data.load("survey_alignment").pivot(index="edition", columns="country", values="us_pct")
    expected = (table[country] - table["ASEAN"]).dropna()
    gap = pd.Series(gap).dropna()
    if set(gap.index) != set(expected.index):
        _fail(task, "compute the gap only for editions where both the country and ASEAN have a figure.")
    if ((gap - expected.loc[gap.index]).abs() > 0.05).any():
        _fail(task, "the gap should be the country's US share minus ASEAN's, in percentage points.")
    _ok(task)


def finished_chart(chart) -> None:
    task = "Task 3 (the chart)"
    if _pending(task, chart):
        return
    spec = chart.to_dict()
    if not spec.get("title"):
        _fail(task, "give the chart a title (and a subtitle with its takeaway).")
    if not spec.get("usermeta", {}).get("giants", {}).get("source"):
        _fail(task, "finish the chart with charts.finish(chart, source=..., alt_text=...).")
    if len(spec.get("description", "")) < 40:
        _fail(task, "the alt text should say what the chart shows and its takeaway, in a sentence or two.")
    _ok(task)


# --- Assignment: test a claim -----------------------------------------------------------------


def totals_by_year(totals) -> None:
    task = "Task 1 (total trade by partner and year)"
    if _pending(task, totals):
        return
    # Totals are yearly: a year-to-date figure (January 2026) is never added to or compared with one.
    trade = trade_rows.full_years(data.load("trade"))
    if set(totals.columns) != {"China", "United States"}:
        _fail(task, "make one column per partner, 'China' and 'United States'.")
    one_reporter = trade[trade["reporter"] == "Vietnam customs"]
    both_flows = one_reporter.groupby(["year", "partner"]).filter(lambda g: len(g) == 2)
    expected = both_flows.groupby(["year", "partner"])["usd_bn"].sum().unstack()
    common = totals.dropna().index
    part_years = set(trade_rows.partial_years(data.load("trade"))["year"])
    if part_years & set(totals.dropna(how="all").index):
        _fail(
            task,
            "keep to full years: a year-to-date figure (status 'partial-year', months < 12) "
            "is not a year's trade.",
        )
    if not set(common) <= set(expected.index):
        _fail(
            task,
            "use only Vietnam's customs figures, and only years with both flows: never add "
            "a US Census or China Customs figure to a Vietnamese one.",
        )
    diff = (totals.loc[common] - expected.loc[common]).abs().max().max()
    if diff > 0.05:
        _fail(task, "a total is off: add exports and imports of the same reporter and year.")
    _ok(task)


def verdict(label, text) -> None:
    task = "Task 3 (verdict)"
    if _pending(task, label):
        return
    if label not in VERDICTS:
        _fail(task, f"the verdict must be one of {', '.join(VERDICTS)}.")
    if not text or text.count(".") < 2:
        _fail(task, "explain the verdict in at least two sentences, naming the evidence.")
    _ok(task, f"({label})")
