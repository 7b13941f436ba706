"""The sea's data: features, the dashed line and incidents are complete, placed and sourced."""

import re

import pytest

from giants import data, maps
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
    boxes = {
        "Paracel Islands": (111.0, 15.5, 113.0, 17.2),
        "Spratly Islands": (111.5, 4.0, 117.0, 12.0),
        "Scarborough Shoal": (117.5, 15.0, 118.0, 15.3),
    }
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


def test_incidents_are_the_ones_the_book_discusses():
    incidents = maps.incidents()
    assert len(incidents) >= 10
    assert set(incidents["year"]) >= {1974, 1988, 2012, 2014, 2019, 2020, 2024, 2025}
    assert cited(incidents) <= BIB_KEYS


def test_stand_in_positions_are_flagged_and_explained():
    """A position nobody published must be flagged, and the flag must agree with the text."""
    incidents = maps.incidents()
    says_approximate = incidents["location_precision"].str.startswith("approximate")
    assert (incidents["position_approximate"] == says_approximate).all(), incidents.loc[
        incidents["position_approximate"] != says_approximate, "id"
    ].tolist()
    assert incidents["position_approximate"].any() and not incidents["position_approximate"].all()


def test_reclamation_measures_are_kept_apart():
    """Area under reclamation is not land: such rows must say so, and no measure is left unlabelled."""
    table = data.load("reclamation")
    assert cited(table) <= BIB_KEYS, sorted(cited(table) - BIB_KEYS)
    footprint = table[table["measure"] == "area under reclamation"]
    assert len(footprint) >= 1 and footprint["notes"].str.contains("not new land", case=False).all()
    # A figure known only second- or third-hand says so in its notes.
    relayed = table["source_publisher"].str.contains(r"\bvia\b")
    assert table.loc[relayed, "notes"].str.contains("weak source|read in", case=False).all()
    # The newest estimate reaches 2026.
    assert table["as_of"].max() >= "2026"


CLAIM_KEYS = ("claims_sources", "award_sources")


def test_every_claim_is_sourced_and_china_taiwan_claim_everything(features):
    for column in CLAIM_KEYS:
        keys = {k for keys in features[column].dropna() for k in keys.split(";")}
        assert keys <= BIB_KEYS, sorted(keys - BIB_KEYS)
    claims = maps.claimant_table(features)
    assert claims["China"].all() and claims["Taiwan"].all()
    in_archipelagos = features["group"] != "Scarborough Shoal"
    assert (claims["Vietnam"] == in_archipelagos).all(), "Vietnam claims both archipelagos and nothing else"
    # Every occupier claims what it holds.
    held = features[features["occupier"] != "none"]
    assert all(claims.loc[i, row.occupier] for i, row in held.iterrows())


def test_the_philippine_claim_is_the_kalayaan_polygon_plus_scarborough(features):
    inside = features.within(maps.kalayaan()) | (features["id"] == "scarborough-shoal")
    claims = maps.claimant_table(features)
    wrong = features.loc[inside != claims["Philippines"], "id"].tolist()
    assert wrong == [], f"Philippine claim disagrees with PD 1596 polygon for {wrong}"
    assert inside.sum() >= 40


PHYSICAL_TYPES = {
    "island or cay",
    "reef above water at high tide",
    "low-tide elevation",
    "submerged",
    "undetermined",
}
LEGAL_STATUSES = {"rock", "low-tide elevation", "not adjudicated", "outside the case"}
AWARD_FINDINGS = {"rock", "low-tide elevation"}


def test_physical_and_legal_types_use_their_vocabularies(features):
    """Physical condition and legal status are separate columns, each from a small declared vocabulary."""
    fields = {f["name"]: f for f in data.resource("features")["schema"]["fields"]}
    assert set(fields["physical_type"]["constraints"]["enum"]) == PHYSICAL_TYPES
    assert set(fields["legal_status"]["constraints"]["enum"]) == LEGAL_STATUSES
    assert set(features["physical_type"]) <= PHYSICAL_TYPES
    assert set(features["legal_status"]) <= LEGAL_STATUSES
    paracels = features["group"] == "Paracel Islands"
    assert (features.loc[paracels, "legal_status"] == "outside the case").all(), (
        "the Paracels were not in the case"
    )
    assert not (features.loc[~paracels, "legal_status"] == "outside the case").any()


def test_every_award_finding_names_its_paragraph_and_source(features):
    ruled = features["legal_status"].isin(AWARD_FINDINGS)
    assert ruled.sum() >= 15
    for row in features[ruled].itertuples():
        assert isinstance(row.award_paragraphs, str) and re.search(
            r"¶\d+|press release", row.award_paragraphs
        ), f"{row.id}: award finding without the paragraph (or part of the award) it rests on"
        assert isinstance(row.award_sources, str), f"{row.id}: award finding without a source"
    assert features.loc[~ruled, "award_paragraphs"].isna().all(), (
        "a paragraph is cited for a feature the award did not rule on"
    )


def test_award_findings_agree_with_the_physical_types(features):
    """A rock must be above water at high tide, and a low-tide elevation must not be."""
    above_water = {"island or cay", "reef above water at high tide"}
    for row in features.itertuples():
        if row.legal_status == "rock":
            assert row.physical_type in above_water, f"{row.id}: a rock that is not above water at high tide"
        elif row.legal_status == "low-tide elevation":
            assert row.physical_type == "low-tide elevation", (
                f"{row.id}: physical type disagrees with the award"
            )
