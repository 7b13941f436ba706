"""The survey, trade and investment data: complete where claimed, consistent, and sourced."""

import re

import pandas as pd
import pytest

from giants import data
from giants.toc import ROOT

BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M))
TABLES = ["survey_editions", "survey_questions", "survey_alignment", "survey_trust", "trade", "fdi"]


@pytest.mark.parametrize("name", TABLES)
def test_every_row_is_sourced(name):
    table = data.load(name)
    keys = {k for keys in table["sources"] for k in keys.split(";")}
    assert keys <= BIB_KEYS, sorted(keys - BIB_KEYS)


def test_forced_choice_shares_are_complements_and_derived_values_are_marked():
    table = data.load("survey_alignment")
    total = table["us_pct"] + table["china_pct"]
    assert ((total - 100).abs() <= 0.15).all(), table[(total - 100).abs() > 0.15]
    assert not table.duplicated(["edition", "country"]).any()
    assert table["edition"].min() == 2020, "the question was first asked in 2020"
    # Every edition has a region-wide figure; no country-year is invented to fill a gap.
    assert set(table.loc[table["country"] == "ASEAN", "edition"]) == set(range(2020, 2026))
    assert len(table) < 11 * 6


def test_the_first_articles_survey_figures_are_in_the_data():
    alignment = data.load("survey_alignment").set_index(["edition", "country"])
    assert tuple(alignment.loc[(2022, "Vietnam"), ["us_pct", "china_pct"]]) == (73.6, 26.4)
    trust = data.load("survey_trust")
    rules = trust[
        (trust["edition"] == 2022)
        & (trust["country"] == "Vietnam")
        & (trust["question"] == "rules-based-order-leadership")
    ].set_index("power")["pct"]
    assert (rules["United States"], rules["China"]) == (56.9, 11.8)


def test_every_survey_edition_and_question_has_a_codebook_row():
    editions = data.load("survey_editions")
    assert list(editions["edition"]) == list(range(2019, 2026))
    questions = data.load("survey_questions")
    assert set(questions["question"]) >= set(data.load("survey_trust")["question"]) | {"forced-choice"}
    assert (questions["wording_status"] == "verbatim").any()


def test_trade_keeps_one_value_per_reporter_series_and_year():
    trade = data.load("trade")
    assert not trade.duplicated(["year", "partner", "reporter", "flow"]).any()
    vietnam = trade[trade["reporter"] == "Vietnam customs"]
    for partner in ("China", "United States"):
        for flow in ("Vietnam exports", "Vietnam imports"):
            years = vietnam[(vietnam["partner"] == partner) & (vietnam["flow"] == flow)]["year"]
            assert len(years) >= 5, f"Vietnamese customs series {partner}/{flow} too short"


def test_fdi_ranks_and_amounts_are_plausible():
    fdi = data.load("fdi")
    assert (fdi["usd_bn"].dropna() < 100).all() and (fdi["rank"].dropna() <= 20).all()
    assert (fdi["usd_bn"].notna() | fdi["rank"].notna()).all(), "every row needs an amount or a rank"
    assert pd.api.types.is_datetime64_any_dtype(fdi["period_end"])


def test_every_bibliography_entry_formats_in_the_books_style():
    """The build fails on an entry its style cannot format (an @incollection without an author,
    say); this finds it in a second instead of after a full build, and names every one."""
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    from giants.sphinx import bibstyle

    bib = parse_file(ROOT / "references.bib")
    style = find_plugin("pybtex.style.formatting", bibstyle.NAME)()
    failures = []
    for key, entry in bib.entries.items():
        try:
            style.format_entry(key, entry)
        except Exception as error:  # pybtex raises FieldIsMissing and others
            failures.append(f"{key}: {error}")
    assert failures == []


def test_derived_trade_values_say_how_they_were_computed():
    trade = data.load("trade")
    derived = trade[trade["status"] == "derived"]
    assert len(derived) >= 5
    assert derived["note"].fillna("").str.contains("Derived").all(), (
        "a derived value must give its arithmetic"
    )


def test_fdi_yearly_totals_cover_2018_to_2025_and_bound_each_source():
    fdi = data.load("fdi")
    annual = fdi[fdi["measure"] == "annual"].assign(year=lambda t: t["period_end"].dt.year)
    totals = annual[annual["investor"] == "All sources"].set_index("year")["usd_bn"]
    assert list(totals.index) == list(range(2018, 2026))
    by_source = annual[annual["investor"] != "All sources"].dropna(subset=["usd_bn"])
    assert (by_source["usd_bn"] < by_source["year"].map(totals)).all(), (
        "one source cannot exceed the year's total"
    )
    # Until 2023 the agency's year ran to 20 December; from 2024 to 31 December.
    assert (annual.loc[annual["year"] <= 2023, "period_end"].dt.day == 20).all()


def test_titles_keep_their_capitals_and_dollar_signs():
    """The book's style prints a title as written: no sentence-casing of names and acronyms,
    and a dollar sign as a dollar sign (pybtex keeps a backslash-escaped one literally)."""
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    from giants.sphinx import bibstyle

    bib = parse_file(ROOT / "references.bib")
    style = find_plugin("pybtex.style.formatting", bibstyle.NAME)()
    entry = bib.entries["truthorfake-us-vn-2024"]
    text = style.format_entry("x", entry).text.render_as("text")
    assert "Vietnam exported $136.6 billion" in text and "U.S." in text, text
    assert "\\$" not in (ROOT / "references.bib").read_text()
