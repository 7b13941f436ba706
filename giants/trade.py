"""Full years and parts of years in the trade data.

`data/trade.csv` holds full calendar years and, for the latest year, year-to-date figures
(`months` < 12, status "partial-year"). A part of a year must never be drawn on the same line
as full years, summed into an annual total or compared with one as if it were a year: January's
exports are about a twelfth of a year's. These helpers keep the two apart in one place, for the
chapters, the assignments' checks and any later chapter that reads the file.

    from giants import data, trade
    table = data.load("trade")
    trade.full_years(table)        # the rows a yearly chart or total may use
    trade.partial_years(table)     # the year-to-date rows, to print beside them
    trade.period_label(2026, 1)    # 'January 2026'
"""

from __future__ import annotations

import calendar

import pandas as pd


def full_years(table: pd.DataFrame) -> pd.DataFrame:
    """The rows that cover a whole calendar year (months == 12)."""
    return table[table["months"] == 12]


def partial_years(table: pd.DataFrame) -> pd.DataFrame:
    """The year-to-date rows (months < 12): never to be joined to or summed with full years."""
    return table[table["months"] < 12]


def period_label(year: int, months: int) -> str:
    """How to name the period a row covers: '2025', 'January 2026', 'January-October 2026'."""
    if not 1 <= months <= 12:
        raise ValueError(f"a year has 1 to 12 months; got {months}")
    if months == 12:
        return str(year)
    if months == 1:
        return f"January {year}"
    return f"January-{calendar.month_name[months]} {year}"
