"""Full years and parts of years in the trade data (giants.trade) and the rule that ties them."""

import pytest

from giants import data, trade


def test_partial_year_status_and_months_agree():
    table = data.load("trade")
    partial = table["status"] == "partial-year"
    # A year-to-date row says so twice (status and months); a full year never carries the status.
    assert (partial == (table["months"] < 12)).all(), table[partial != (table["months"] < 12)]
    assert partial.any(), "the latest year-to-date figures (January 2026) should be in the file"


def test_full_and_partial_years_split_the_table():
    table = data.load("trade")
    full, part = trade.full_years(table), trade.partial_years(table)
    assert len(full) + len(part) == len(table)
    assert (full["months"] == 12).all() and (part["months"] < 12).all()
    # No year is both: a series either has the whole year or a part of it.
    key = ["year", "partner", "reporter", "flow"]
    assert not full[key].merge(part[key]).shape[0]
    # The part of 2026 is far below the full 2025 figure: drawn as a year it would look like a crash.
    us = table[
        (table["reporter"] == "Vietnam customs")
        & (table["partner"] == "United States")
        & (table["flow"] == "Vietnam exports")
    ].set_index("year")["usd_bn"]
    assert us[2026] < us[2025] / 5


@pytest.mark.parametrize(
    "year, months, label", [(2025, 12, "2025"), (2026, 1, "January 2026"), (2026, 10, "January-October 2026")]
)
def test_period_label(year, months, label):
    assert trade.period_label(year, months) == label


@pytest.mark.parametrize("months", [0, 13])
def test_period_label_refuses_impossible_months(months):
    with pytest.raises(ValueError):
        trade.period_label(2026, months)
