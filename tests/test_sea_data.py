"""The sea's data: features, the dashed line and incidents are complete, placed and sourced."""

import re

import pytest

from giants import maps
from giants.toc import ROOT

BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M))


@pytest.fixture(scope="module")
def features():
    return maps.features()


def cited(table):
    return {key for keys in table["sources"] for key in keys.split(";")}


def test_features_cover_both_archipelagos_and_every_occupier(features):
    assert len(features) >= 45
    assert set(features["group"]) == {"Paracel Islands", "Spratly Islands", "Scarborough Shoal"}
    assert {"China", "Vietnam", "Philippines", "Malaysia", "Taiwan"} <= set(features["occupier"])
    assert cited(features) <= BIB_KEYS, sorted(cited(features) - BIB_KEYS)


def test_features_have_names_in_three_languages(features):
    for column in ("name_vi", "name_zh", "name_zh_pinyin"):
        share = features[column].notna().mean()
        assert share >= 0.9, f"only {share:.0%} of features have {column}"
    # Vietnamese names keep their diacritics; Chinese names are characters.
    assert features["name_vi"].dropna().str.contains(r"[À-ỹ]").mean() > 0.9
    assert features["name_zh"].dropna().str.contains(r"[\u4e00-\u9fff]").all()


def test_features_lie_in_their_archipelago(features):
    boxes = {"Paracel Islands": (111.0, 15.5, 113.0, 17.2), "Spratly Islands": (111.5, 4.0, 117.0, 12.0),
             "Scarborough Shoal": (117.5, 15.0, 118.0, 15.3)}
    for row in features.itertuples():
        west, south, east, north = boxes[row.group]
        assert west <= row.lon <= east and south <= row.lat <= north, f"{row.id} lies outside the {row.group}"


def test_reclaimed_area_always_has_its_year(features):
    has_area = features["reclaimed_acres"].notna()
    assert (features.loc[has_area, "reclaimed_as_of"].notna()).all()


@pytest.mark.parametrize("version, count", [(2009, 9), (2023, 10)])
def test_dash_line_versions_have_their_dashes(version, count):
    dashes = maps.dash_lines(version)
    assert list(dashes["dash"]) == list(range(1, count + 1))
    assert cited(dashes) <= BIB_KEYS
    assert dashes["method"].str.len().min() > 20, "every dash says how its position was obtained"


def test_the_line_encloses_the_disputed_islands(features):
    area = maps.inside_dash_line(2009)
    assert area.is_valid
    inside = features.within(area)
    assert inside[features["group"] == "Paracel Islands"].all()
    assert inside[features["group"] == "Spratly Islands"].mean() > 0.9


def test_incidents_are_the_five_the_book_discusses():
    incidents = maps.incidents()
    assert len(incidents) >= 5
    assert set(incidents["year"]) >= {1974, 1988, 2012, 2014, 2020}
    assert cited(incidents) <= BIB_KEYS
