"""The survey arithmetic (intervals, the ASEAN average, ties) and the rules of the survey data."""

import altair as alt
import pandas as pd
import pytest

from giants import charts, data, survey


def test_wilson_interval_matches_a_worked_value_and_stays_inside_0_100():
    # 79 of 100: the Wilson 95% interval is 70.0 to 85.8 (checked by hand against the formula).
    low, high = survey.wilson_interval(79.0, 100)
    assert (round(low, 1), round(high, 1)) == (70.0, 85.8)
    # Near the edge the textbook interval would pass 100%; Wilson's must not.
    low, high = survey.wilson_interval(98.0, 30)
    assert 0 <= low < 98 < high <= 100
    # More answers, narrower interval.
    assert (
        survey.wilson_interval(50, 400)[1] - survey.wilson_interval(50, 400)[0]
        < survey.wilson_interval(50, 100)[1] - survey.wilson_interval(50, 100)[0]
    )


@pytest.mark.parametrize("pct, n", [(-1, 100), (101, 100), (50, 0)])
def test_wilson_interval_refuses_impossible_inputs(pct, n):
    with pytest.raises(ValueError):
        survey.wilson_interval(pct, n)


def _members(edition):
    table = data.load("survey_alignment")
    return table[(table["edition"] == edition) & (table["country"] != "ASEAN")].set_index("country")["us_pct"]


def test_equal_weight_mean_reproduces_the_published_2024_figure():
    """The survey's own method: the ten member shares, a tenth each, give the published 49.5."""
    published = data.load("survey_alignment").set_index(["edition", "country"]).loc[(2024, "ASEAN"), "us_pct"]
    assert round(survey.equal_weight_mean(_members(2024)), 1) == published == 49.5


def test_equal_weight_mean_differs_from_the_pooled_figures_before_2022():
    assert round(survey.equal_weight_mean(_members(2020)), 1) == 50.2  # published, pooled: 53.6
    assert round(survey.equal_weight_mean(_members(2021)), 1) == 56.2  # published, pooled: 61.5


def test_equal_weight_mean_refuses_a_partial_region():
    with pytest.raises(ValueError, match="Myanmar"):
        survey.equal_weight_mean(_members(2025))  # Cambodia and Myanmar have no 2025 figure


def test_a_one_point_lead_region_wide_is_a_tie_and_a_thirty_point_one_is_not():
    margin = survey.equal_weight_margin(200)
    assert 2.0 < margin < 2.4 and 3.0 < survey.equal_weight_margin(100) < 3.2
    assert survey.is_tie(49.5, margin)
    assert not survey.is_tie(79.0, margin)


def test_every_survey_figure_says_how_it_was_read():
    for name in ("survey_alignment", "survey_trust"):
        table = data.load(name)
        assert table["provenance"].notna().all(), name
        # A figure known only from an aggregator, a think tank or the article is never "news".
        only_secondary = table["sources"].isin(
            ["caporale2022", "poling-natalegawa-2023-csis", "seasia-2025-infographic-align-china"]
        )
        assert (table.loc[only_secondary, "provenance"] != "news").all(), table[only_secondary]


def test_vietnamese_respondent_counts_are_only_where_a_source_gives_them():
    editions = data.load("survey_editions").set_index("edition")
    counts = editions["respondents_vietnam"].dropna()
    assert set(counts.index) == {2022, 2023}, "only CSIS (2023) gives a Vietnamese count"
    assert all("poling-natalegawa-2023-csis" in editions.loc[e, "sources"] for e in counts.index)
    assert (counts < editions.loc[counts.index, "respondents"]).all()


def test_provenance_encodings_draw_secondary_figures_hollow():
    shape = charts.provenance_shape().to_dict()
    assert shape["scale"]["range"] == ["circle", charts.RING, charts.RING]
    fill = charts.provenance_fill().to_dict()
    assert fill["scale"]["range"] == [1, 0, 0] and fill["scale"]["type"] == "ordinal"
    chart = (
        alt.Chart(pd.DataFrame({"x": [1], "provenance": ["secondary"]}))
        .mark_point(filled=True)
        .encode(x="x:Q", shape=charts.provenance_shape())
    )
    assert chart.to_dict(validate=True)
