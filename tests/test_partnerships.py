"""The partnership ladder and the arms-import shares: data rules and the chart helpers built on them."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from giants import charts, data

RANK = {level: i for i, level in enumerate(charts.LADDER)}


@pytest.fixture(scope="module")
def partnerships():
    return data.load("partnerships")


def test_levels_never_go_down_without_a_note(partnerships):
    """A country's rungs, in date order, only climb; a step down must be explained in its note."""
    for country, rows in partnerships.sort_values("date").groupby("country"):
        ranks = rows["level"].map(RANK).tolist()
        for (before, after), note in zip(itertools.pairwise(ranks), rows["note"].tolist()[1:]):
            assert after > before or note, f"{country} steps down without a note"


def test_every_row_is_sourced_from_the_bibliography(partnerships):
    from giants.sources import bibliography

    keys = set(bibliography().index)
    for row in partnerships.itertuples():
        cited = row.sources.split(";")
        assert cited and set(cited) <= keys, f"{row.country} {row.level}: unknown source {set(cited) - keys}"


def test_the_top_tier_matches_the_events_record(partnerships):
    """Every upgrade the timeline records as 'Comprehensive Strategic Partner…' is in the ladder on
    the same day, and every top-tier upgrade since 2023 is in the timeline."""
    events = data.load("events")
    upgrades = events[events["title"].str.contains("Comprehensive Strategic Partner")]
    top = partnerships[partnerships["level"] == "comprehensive strategic"].set_index("country")["date"]
    for row in upgrades.itertuples():
        country = next(a for a in row.actors.split(";") if a != "Vietnam")
        assert top.get(country) == f"{row.year:04d}-{row.month:02d}-{row.day:02d}", country
    recorded = {next(a for a in actors.split(";") if a != "Vietnam") for actors in upgrades["actors"]}
    assert set(top[top >= "2023"].index) <= recorded


def test_counts_agree_with_vietnams_own_tallies(partnerships):
    """Tallies published in Hanoi: 15 strategic partners, comprehensive strategic ones included, in
    2015 (Tran Viet Thai, Diplomatic Academy); the United States the fifth at the top in September
    2023 (Tuoi Tre); 14 at the top by October 2025 (Thanh Nien)."""
    counts = charts.ladder_by_year(partnerships, [2015, 2022, 2025]).pivot(
        index="year", columns="level", values="partners"
    )
    assert counts.loc[2015, "strategic"] + counts.loc[2015, "comprehensive strategic"] == 15
    assert counts.loc[2022, "comprehensive strategic"] == 4
    assert counts.loc[2025, "comprehensive strategic"] == 14


def test_ladder_by_year_counts_each_country_once_on_its_highest_rung():
    table = pd.DataFrame(
        {
            "country": ["A", "A", "B"],
            "level": ["strategic", "comprehensive strategic", "comprehensive"],
            "date": ["2001-03", "2010", "2005-01-02"],
        }
    )
    counts = charts.ladder_by_year(table, [2000, 2005, 2009, 2010]).pivot(
        index="year", columns="level", values="partners"
    )
    assert counts.loc[2000].sum() == 0
    assert counts.loc[2005].to_dict() == {"comprehensive": 1, "comprehensive strategic": 0, "strategic": 1}
    assert counts.loc[2010].to_dict() == {"comprehensive": 1, "comprehensive strategic": 1, "strategic": 0}


def test_ladder_chart_states_its_end_year_and_draws_every_rung_given(partnerships):
    counts = charts.ladder_by_year(partnerships, range(2000, 2026))
    marks = pd.DataFrame(
        {"year": [2008], "level": ["comprehensive strategic"], "partners": [1], "label": ["China"]}
    )
    with pytest.raises(ValueError, match="2025"):
        charts.ladder_chart(counts, marks, title="t", subtitle="s", source="no year", alt_text="a")
    spec = charts.ladder_chart(
        counts, marks, title="t", subtitle="s", source="to 2025", alt_text="a"
    ).to_dict()
    assert spec["usermeta"]["giants"]["width"] == "container"
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == charts.LADDER[::-1]


def test_arms_shares_are_shares_and_secondary_figures_are_drawn_pale():
    arms = data.load("arms_imports")
    for (start, end, measure), rows in arms.groupby(["period_start", "period_end", "measure"]):
        assert start <= end and rows["share_pct"].sum() <= 100, (start, end, measure)
    shares = arms[arms["measure"] == "share of Vietnam's arms imports"].assign(
        period=lambda d: d["period_start"].astype(str) + "–" + d["period_end"].astype(str)
    )
    spec = charts.share_bars(shares, title="t", subtitle="s", source="to 2023", alt_text="a").to_dict()
    opacity = spec["encoding"]["fillOpacity"]["scale"]
    assert opacity["domain"] == ["news", "secondary"] and opacity["range"][1] < opacity["range"][0]
    with pytest.raises(ValueError, match="2023"):
        charts.share_bars(shares, title="t", subtitle="s", source="SIPRI", alt_text="a")
