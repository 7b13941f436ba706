"""Self-checks for the assignments.

Each check re-does the student's own computation a second, independent way and compares; it
never holds a hidden answer (the verdict check judges the verdict against the student's own
totals). An unanswered task (still None) gets a reminder, a wrong one a `CheckFailed` whose
message says what to look at, a right one a tick.

`CheckFailed` is an AssertionError, so plain Python, pytest and nbgrader treat a wrong answer
as a failed check; in IPython and Jupyter it shows as its one-line hint, without the
traceback through this module that would bury it.
"""

from __future__ import annotations

import difflib
import math
import numbers
import re

import altair as alt
import geopandas as gpd
import pandas as pd

from giants import data, maps
from giants import trade as trade_rows

VERDICTS = ("supported", "qualified", "contradicted", "unverified")
PARTNERS = ("China", "United States")


class CheckFailed(AssertionError):
    """A wrong answer; its message is the hint."""

    def _render_traceback_(self):
        # IPython shows an exception through this hook when it has one: the hint alone.
        return [str(self)]


def _pending(task: str, answer) -> bool:
    if answer is None:
        print(f"… {task}: not answered yet.")
        return True
    return False


def _ok(task: str, detail: str = "") -> None:
    print(f"✓ {task}: looks right.{' ' + detail if detail else ''}")


def _fail(task: str, hint: str) -> None:
    raise CheckFailed(f"✗ {task}: not yet. {hint}")


def _number(task: str, value, what: str) -> float:
    """The answer as a float, or a hint saying which kind of value was given instead."""
    if isinstance(value, str):
        _fail(
            task,
            f"{what} should be a number, not text ({value!r}): write it without quotes, "
            "units or thousands separators.",
        )
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        _fail(task, f"{what} should be a single number, not a {type(value).__name__}.")
    if math.isnan(float(value)):
        _fail(task, f"{what} is NaN (missing): check the computation that produced it.")
    return float(value)


def _close(word: str, options) -> str:
    near = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" Did you mean {near[0]!r}?" if near else ""


# --- Assignment: measure the sea --------------------------------------------------------------


def _feature_ids(task: str, ids) -> list[str]:
    if isinstance(ids, str):
        _fail(
            task,
            f"give a list of ids, like [{ids!r}, ...], not one string: a string is read "
            "as a list of its letters.",
        )
    if isinstance(ids, (pd.Series, pd.Index, tuple, set)):
        ids = list(ids)
    if not isinstance(ids, list):
        _fail(task, f"give the ids as a list of strings, not a {type(ids).__name__}.")
    if not all(isinstance(i, str) for i in ids):
        _fail(
            task,
            "every id is a string from the `id` column (e.g. 'spratly-island'), not a name or a row number.",
        )
    known = set(maps.features()["id"])
    unknown = [i for i in ids if i not in known]
    if unknown:
        _fail(
            task,
            f"{unknown} are not ids in data/features.csv; copy ids from the table above."
            f"{_close(unknown[0], known)}",
        )
    return ids


def chosen_features(ids) -> None:
    task = "Task 1 (choose features)"
    if _pending(task, ids):
        return
    ids = _feature_ids(task, ids)
    if len(set(ids)) < 3:
        _fail(task, "choose at least three different features.")
    held_by = set(maps.features().set_index("id").loc[ids, "occupier"])
    missing = [country for country in ("China", "Vietnam") if country not in held_by]
    if missing:
        _fail(
            task,
            f"none of your features is held by {' or '.join(missing)}: include at least one "
            "feature whose `occupier` is China and one whose `occupier` is Vietnam.",
        )
    _ok(task)


def distances_km(ids, distances, land) -> None:
    task = "Task 2 (distance to Vietnam's coast)"
    if _pending(task, distances):
        return
    ids = _feature_ids(task, ids)
    if isinstance(distances, (list, tuple)) or not isinstance(distances, (pd.Series, dict)):
        _fail(
            task,
            "make my_distances a pandas Series indexed by feature id "
            "(pd.Series(values, index=my_features)), not a "
            f"{type(distances).__name__}.",
        )
    distances = pd.Series(distances)
    if distances.empty:
        _fail(task, "my_distances is empty: give one distance per chosen feature.")
    if set(distances.index) != set(ids):
        _fail(task, "give one distance per chosen feature, indexed by its id.")
    if not pd.api.types.is_numeric_dtype(distances):
        _fail(task, "the distances should be numbers of kilometres, not text.")
    if distances.isna().any():
        _fail(task, "a distance is missing (NaN): measure every chosen feature.")
    if (distances < 20).any():
        _fail(
            task,
            "some distances are tiny: were they measured in degrees? Measure in a "
            "projected CRS or along the ellipsoid, in kilometres.",
        )
    if (distances > 20_000).any():
        _fail(task, "some distances are huge: were they left in metres? Divide by 1,000.")
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
    ids = _feature_ids(task, ids)
    count = _number(task, count, "my_count")
    if count != int(count) or count < 0:
        _fail(task, "a count is a whole number of features, zero or more.")
    if count > len(set(ids)):
        _fail(task, f"you chose {len(set(ids))} features, so at most {len(set(ids))} can be inside.")
    chosen = maps.features().set_index("id").loc[list(dict.fromkeys(ids))]
    expected = int(chosen.within(zone).sum())
    if int(count) != expected:
        _fail(
            task,
            "recount: a feature is inside if its point lies within the zone polygon "
            "(GeoSeries.within), whatever its distance to other coasts.",
        )
    _ok(task)


#: The what-if the task sets: the radius is part of the question, not of its answer.
WHAT_IF_NAUTICAL_MILES = 100


def _sea_area_km2(land, nautical_miles) -> float:
    sea = maps.at_sea(maps.distance_zone(land, "Vietnam", nautical_miles=nautical_miles), land)
    return float(gpd.GeoSeries([sea], crs=4326).to_crs(maps.EQUAL_AREA).area.iloc[0] / 1e6)


def zone_area_km2(area, land, nautical_miles) -> None:
    task = "Task 4 (area of the what-if zone)"
    if _pending(task, area):
        return
    area = _number(task, area, "my_area")
    radius = _number(task, nautical_miles, "my_radius")
    if radius != WHAT_IF_NAUTICAL_MILES:
        _fail(
            task,
            f"the what-if is a zone of {WHAT_IF_NAUTICAL_MILES} nautical miles; my_radius is "
            f"{radius:g}. Set my_radius = {WHAT_IF_NAUTICAL_MILES} and build the zone with it.",
        )
    if area <= 0:
        _fail(task, "an area is positive: check the computation that produced my_area.")
    if area < 1000:
        _fail(
            task,
            "the area is far too small: areas computed in degrees (EPSG:4326) are "
            "meaningless. Project to maps.EQUAL_AREA first, and divide m² by 1e6.",
        )
    expected = _sea_area_km2(land, radius)
    if abs(area / 1e6 - expected) / expected < 0.01:
        _fail(task, "the area looks like square metres: divide by 1e6 for km².")
    if abs(area - expected) / expected > 0.01:
        hint = (
            "the area is more than 1% off an independent measurement: did you keep only the sea "
            "(maps.at_sea) and use the equal-area projection?"
        )
        if abs(area - _sea_area_km2(land, 200)) / expected < 0.01:
            hint = (
                "that is the area of the full 200-nautical-mile zone: build the what-if zone with "
                "nautical_miles=my_radius."
            )
        _fail(task, hint)
    _ok(task, f"({area:,.0f} km²)")


# --- Assignment: chart a survey question ------------------------------------------------------


def _member(task: str, country) -> str:
    if not isinstance(country, str):
        _fail(
            task,
            f"my_country should be a country's name as text, like 'Malaysia', not a "
            f"{type(country).__name__}.",
        )
    countries = set(data.load("survey_alignment")["country"])
    if country == "Vietnam":
        _fail(task, "the chapter already charts Vietnam: choose another ASEAN member.")
    if country == "ASEAN":
        _fail(task, "ASEAN is the regional figure you compare against, not a member: choose a country.")
    if country not in countries:
        _fail(
            task,
            f"{country!r} is not a country in the survey table; names are spelt as in "
            f"`alignment['country']`.{_close(country, countries - {'ASEAN', 'Vietnam'})}",
        )
    return country


def country_rows(country, rows) -> None:
    task = "Task 1 (the country's rows)"
    if _pending(task, rows):
        return
    country = _member(task, country)
    if not isinstance(rows, pd.DataFrame):
        _fail(task, f"my_rows should be the rows of `alignment` (a DataFrame), not a {type(rows).__name__}.")
    if rows.empty:
        _fail(task, f"my_rows is empty: filter with alignment['country'] == {country!r}.")
    if "country" not in rows or "edition" not in rows:
        _fail(task, "keep the table's columns (at least country, edition and us_pct) when you filter rows.")
    table = data.load("survey_alignment")
    if set(rows["country"]) != {country}:
        _fail(task, f"keep only the rows where country == {country!r}.")
    expected = table[table["country"] == country]
    if sorted(rows["edition"]) != sorted(expected["edition"]):
        _fail(
            task,
            "the editions differ from the data: do not add or drop years (a missing year stays missing).",
        )
    if list(rows["edition"]) != sorted(rows["edition"]):
        _fail(task, "put the rows in edition order (.sort_values('edition')).")
    _ok(task, f"({len(rows)} editions)")


def gap_to_asean(country, gap) -> None:
    task = "Task 2 (gap to ASEAN)"
    if _pending(task, gap):
        return
    country = _member(task, country)
    if isinstance(gap, pd.DataFrame):
        _fail(task, "my_gap should be one column (a Series indexed by edition), not a whole table.")
    if not isinstance(gap, (pd.Series, dict)):
        _fail(task, f"my_gap should be a pandas Series indexed by edition, not a {type(gap).__name__}.")
    gap = pd.Series(gap)
    if not pd.api.types.is_numeric_dtype(gap):
        _fail(task, "the gap should be numbers (percentage points), not text.")
    gap = gap.dropna()
    if gap.empty:
        _fail(task, "my_gap is empty: subtract ASEAN's us_pct from the country's, edition by edition.")
    survey = data.load("survey_alignment")

    def difference(column):
        table = survey.pivot(index="edition", columns="country", values=column)
        return (table[country] - table["ASEAN"]).dropna()

    expected = difference("us_pct")
    if set(gap.index) != set(expected.index):
        _fail(
            task,
            "compute the gap only for editions where both the country and ASEAN have a figure, "
            "indexed by edition.",
        )
    gap = gap.loc[expected.index]
    # In a forced choice the China share mirrors the US share, so its gap is the reversed one.
    if (((gap + expected).abs() <= 0.05).all() and (expected.abs() > 0.05).any()) or (
        (gap - difference("china_pct").reindex(expected.index)).abs() <= 0.05
    ).all():
        _fail(
            task,
            "the sign is reversed, or this is the gap in the share choosing China (china_pct): "
            "the gap is the country's us_pct minus ASEAN's us_pct.",
        )
    if ((gap - expected).abs() > 0.05).any():
        _fail(task, "the gap should be the country's US share minus ASEAN's, in percentage points.")
    _ok(task)


def _encoded_fields(spec, channel: str = "y") -> set[str]:
    """The fields a chart spec (and its layers) puts on one channel (a tooltip does not count)."""
    fields = set()
    if isinstance(spec, dict):
        item = (spec.get("encoding") or {}).get(channel)
        if isinstance(item, dict) and isinstance(item.get("field"), str):
            fields.add(item["field"].split(":")[0])
        for value in spec.values():
            if isinstance(value, (dict, list)):
                fields |= _encoded_fields(value, channel)
    elif isinstance(spec, list):
        for value in spec:
            fields |= _encoded_fields(value, channel)
    return fields


def finished_chart(chart, country=None) -> None:
    task = "Task 3 (the chart)"
    if _pending(task, chart):
        return
    if not isinstance(chart, alt.TopLevelMixin):
        _fail(
            task,
            f"my_chart should be an Altair chart (the value charts.finish returns), not a "
            f"{type(chart).__name__}.",
        )
    try:
        spec = chart.to_dict()
    except Exception as error:  # Altair's schema errors run to dozens of lines: keep the first
        _fail(task, f"the chart cannot be drawn: {str(error).strip().splitlines()[0]}")
    fields = _encoded_fields(spec)
    if "us_pct" not in fields:
        shown = (
            "the share choosing China (china_pct)"
            if "china_pct" in fields
            else f"{sorted(fields) or 'no field'}"
        )
        _fail(
            task, f"the chart shows {shown}; the task charts the share choosing the United States (y=us_pct)."
        )
    if country is not None:
        country = _member(task, country)
        plotted = {row.get("country") for rows in (spec.get("datasets") or {}).values() for row in rows}
        plotted.discard(None)
        if plotted and not {country, "ASEAN"} <= plotted:
            _fail(task, f"the chart should show {country} beside ASEAN; its data hold {sorted(plotted)}.")
        if plotted - {country, "ASEAN"}:
            _fail(
                task,
                f"keep only {country} and ASEAN in the chart's data: it also holds "
                f"{sorted(plotted - {country, 'ASEAN'})}.",
            )
    if not spec.get("title"):
        _fail(task, "give the chart a title (and a subtitle with its takeaway).")
    if not spec.get("usermeta", {}).get("giants", {}).get("source"):
        _fail(task, "finish the chart with charts.finish(chart, source=..., alt_text=...).")
    if len(spec.get("description", "")) < 40:
        _fail(task, "the alt text should say what the chart shows and its takeaway, in a sentence or two.")
    _ok(task)


# --- Assignment: test a claim -----------------------------------------------------------------


def _totals_table(task: str, totals) -> pd.DataFrame:
    if isinstance(totals, pd.Series):
        _fail(
            task,
            "my_totals is a Series: turn the partner level into columns (.unstack()) so that "
            "each partner has its own column.",
        )
    if not isinstance(totals, pd.DataFrame):
        _fail(task, f"my_totals should be a DataFrame indexed by year, not a {type(totals).__name__}.")
    if totals.empty or totals.dropna(how="all").empty:
        _fail(
            task,
            "my_totals is empty: did a filter keep no rows? Check the reporter's spelling and "
            "the `months` column.",
        )
    if set(totals.columns) != set(PARTNERS):
        _fail(
            task, f"make one column per partner, 'China' and 'United States' (yours: {list(totals.columns)})."
        )
    if not all(isinstance(year, numbers.Integral) for year in totals.index):
        _fail(
            task,
            "index the table by year (a whole number), e.g. with groupby(['year', 'partner']) "
            "and .unstack().",
        )
    if not all(pd.api.types.is_numeric_dtype(totals[p]) for p in PARTNERS):
        _fail(task, "the totals should be numbers (billions of US dollars), not text.")
    return totals


def totals_by_year(totals) -> None:
    task = "Task 1 (total trade by partner and year)"
    if _pending(task, totals):
        return
    totals = _totals_table(task, totals)
    # Totals are yearly: a year-to-date figure (January 2026) is never added to or compared with one.
    trade = trade_rows.full_years(data.load("trade"))
    one_reporter = trade[trade["reporter"] == "Vietnam customs"]
    both_flows = one_reporter.groupby(["year", "partner"]).filter(lambda g: len(g) == 2)
    expected = both_flows.groupby(["year", "partner"])["usd_bn"].sum().unstack()[list(PARTNERS)]
    given = totals[list(PARTNERS)].dropna(how="all")
    part_years = set(trade_rows.partial_years(data.load("trade"))["year"])
    if part_years & set(given.index):
        _fail(
            task,
            "keep to full years: a year-to-date figure (status 'partial-year', months < 12) "
            "is not a year's trade.",
        )
    flows = one_reporter.groupby(["year", "partner"]).size()
    extra = [
        (year, partner)
        for year, row in given.iterrows()
        for partner in PARTNERS
        if pd.notna(row[partner]) and not (year in expected.index and pd.notna(expected.at[year, partner]))
    ]
    # A total Vietnam's customs cannot give at all came from another reporter: say that first.
    for year, partner in sorted(extra, key=lambda cell: flows.get(cell, 0)):
        if flows.get((year, partner), 0) == 1:
            _fail(
                task,
                f"{partner} in {year} has only one flow in Vietnam's customs figures: keep "
                "only year-partner pairs with both exports and imports, and leave the other "
                "years missing (NaN).",
            )
        _fail(
            task,
            "use only Vietnam's customs figures, and only years with both flows: never add "
            f"a US Census or China Customs figure to a Vietnamese one ({partner}, {year}).",
        )
    diff = (given - expected.loc[given.index]).abs().max().max()
    if diff > 0.05:
        _fail(task, "a total is off: add exports and imports of the same reporter and year.")
    missing = [
        (year, partner)
        for year in expected.index
        for partner in PARTNERS
        if pd.notna(expected.at[year, partner])
        and (year not in given.index or pd.isna(given.at[year, partner]))
    ]
    if missing:
        years = sorted({year for year, _ in missing})
        _fail(
            task,
            f"years are missing: {len(years)} year(s) with both flows for a partner have no total "
            f"in your table (from {years[0]} to {years[-1]}). Keep every full year, not only "
            "the years where both partners have a total.",
        )
    _ok(task)


_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")


def verdict(label, text, totals=None) -> None:
    """The verdict follows from the student's own totals, and the reasons cite them."""
    task = "Task 3 (verdict)"
    if _pending(task, label):
        return
    if not isinstance(label, str):
        _fail(task, f"my_verdict should be one word as text, one of {', '.join(VERDICTS)}.")
    if label.strip().lower() in VERDICTS and label not in VERDICTS:
        _fail(task, f"write the verdict in lower case, exactly as listed: {label.strip().lower()!r}.")
    if label not in VERDICTS:
        _fail(task, f"the verdict must be one of {', '.join(VERDICTS)}.")
    if totals is None:
        _fail(
            task,
            "pass your totals too, checks.verdict(my_verdict, my_reasons, my_totals): the verdict "
            "is judged against them.",
        )
    totals = _totals_table(task, totals)
    both = totals[list(PARTNERS)].dropna()
    if both.empty:
        _fail(task, "your totals have no year where both partners have a total: finish Task 1 first.")
    china_ahead = int((both["China"] > both["United States"]).sum())
    follows = "supported" if china_ahead == len(both) else "contradicted" if china_ahead == 0 else "qualified"
    if label == "unverified":
        _fail(task, "'unverified' is for a claim no source lets you test; your totals test this one.")
    if label != follows:
        _fail(
            task,
            f"your totals have China ahead in {china_ahead} of the {len(both)} years where both "
            f"partners have a total, which makes the claim {follows}, not {label}. Doubts about "
            "individual figures (lower bounds, preliminary years) belong in the reasons.",
        )
    if not isinstance(text, str) or not text.strip():
        _fail(task, "write my_reasons: two or three sentences naming the evidence.")
    if len(re.findall(r"[.!?](\s|$)", text.strip())) < 2:
        _fail(task, "explain the verdict in at least two sentences, naming the evidence.")
    years = set(both.index)
    cited_years = {int(y) for y in re.findall(r"\b(1\d{3}|20\d{2})\b", text)} & years
    figures = [*both["China"], *both["United States"], *(both["China"] - both["United States"]).abs()]
    cited = [
        float(whole.replace(",", "") + (f".{decimals}" if decimals else ""))
        for whole, decimals in _NUMBER.findall(text)
    ]
    cited_figures = [
        n
        for n in cited
        if not (1900 <= n <= 2100 and n == int(n)) and any(abs(n - f) <= 1.0 for f in figures)
    ]
    if not cited_years or not cited_figures:
        missing = "a year" if not cited_years else "a figure"
        _fail(
            task,
            f"the reasons should cite your evidence: name {missing} from your totals (e.g. a "
            "year and China's and the United States' totals, or the gap between them, in "
            "billions of dollars).",
        )
    _ok(task, f"({label})")
