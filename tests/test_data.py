"""Every data file is described, sourced and current; the loader refuses bad rows by name."""

import hashlib
import json
import re
import shutil

import pytest

from giants import data, maps
from giants.toc import ROOT

DATA = ROOT / "data"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = PACKAGE["resources"]
BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M))


def test_every_data_file_is_described_and_every_description_has_a_file():
    files = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file()} - {"datapackage.json"}
    described = {r["path"] for r in RESOURCES}
    assert files - described == set(), f"files in data/ with no description: {files - described}"
    assert described - files == set(), f"descriptions with no file: {described - files}"


@pytest.mark.parametrize("res", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_description_is_complete(res):
    for key in (
        "name",
        "path",
        "format",
        "title",
        "description",
        "sources",
        "licenses",
        "retrieved",
        "derivation",
        "hash",
        "schema",
    ):
        assert res.get(key), f"{res['name']}: provenance lacks {key!r}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", res["retrieved"]), "retrieved must be YYYY-MM-DD"
    for source in res["sources"]:
        assert source.get("title") and source.get("path"), f"{res['name']}: a source lacks title or path"
        assert source.get("cite") in BIB_KEYS, (
            f"{res['name']}: source cite {source.get('cite')!r} not in references.bib"
        )
    if "derived_by" in res:
        assert (ROOT / res["derived_by"]).exists(), f"{res['name']}: {res['derived_by']} does not exist"
    for field in res["schema"]["fields"]:
        assert field.get("name") and field.get("type") and field.get("title"), (
            f"{res['name']}: field {field} undocumented"
        )


@pytest.mark.parametrize("res", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_checksum_is_current(res):
    digest = hashlib.sha256((DATA / res["path"]).read_bytes()).hexdigest()
    assert res["hash"] == f"sha256:{digest}", (
        f"data/{res['path']} changed since its provenance was written: "
        f"check the description, then set hash to sha256:{digest}"
    )


@pytest.mark.parametrize("res", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_every_dataset_loads(res):
    table = data.load(res["name"])
    assert len(table) > 0


def test_basemap_keeps_disputed_features_apart_from_coasts():
    land = maps.basemap()
    disputed = land[land["role"] == "disputed"]
    assert set(disputed["group"]) >= {"Paracel Islands", "Spratly Islands", "Scarborough Shoal"}
    # No disputed feature is big enough to be mistaken for a coast, and none is ever one.
    assert disputed["area_km2"].max() < 5
    assert not set(maps.coasts(land).index) & set(disputed.index)
    # Vietnam's offshore basepoint islands, under 100 km², are coasts all the same.
    vietnam = maps.coasts(land, "Vietnam")
    for lon, lat in [(108.95, 10.52), (106.62, 8.72)]:  # Phú Quý, Côn Sơn
        assert len(vietnam.cx[lon - 0.1 : lon + 0.1, lat - 0.1 : lat + 0.1]) == 1
    hainan = maps.coasts(land, "China").cx[108:112, 18:20.2]
    assert len(hainan) == 1 and 33_000 < hainan["area_km2"].iloc[0] < 35_000
    for claimant in ("Vietnam", "China", "Philippines", "Malaysia", "Brunei"):
        assert len(maps.coasts(land, claimant)) > 0, f"{claimant} has no coast to measure from"


# --- the loader's errors, on corrupted copies -------------------------------------------------

CSV_PACKAGE = {
    "name": "sample-package",
    "resources": [
        {
            "name": "sample",
            "path": "sample.csv",
            "format": "csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
                    {"name": "date", "type": "date"},
                    {"name": "year", "type": "integer", "description": "negative for BC"},
                    {"name": "edition", "type": "year"},
                    {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 100}},
                    {
                        "name": "actor",
                        "type": "string",
                        "constraints": {"required": True, "enum": ["China", "Vietnam"]},
                    },
                    {"name": "note", "type": "string", "constraints": {"maxLength": 10}},
                ],
                "primaryKey": ["year", "actor"],
            },
        }
    ],
}
GOOD_CSV = (
    "id,date,year,edition,share,actor,note\n1,1979-02-17,-111,2017,56.9,China,\n"
    "2,,938,,,Vietnam,short\n3,2023-12-12,2023,2024,11.8,Vietnam,\n"
)
#: One bad row each, the loader's message for it, and what frictionless calls the same fault.
BAD_ROWS = [
    (
        "4,2023-02-30,2023,,10,China,",
        r"row 5, column 'date': '2023-02-30' is not a real calendar date",
        "type-error",
    ),
    (
        "4,12/02/2023,2023,,10,China,",
        r"row 5, column 'date': '12/02/2023' is not a date written YYYY-MM-DD",
        "type-error",
    ),
    ("4,,2022,,ten,China,", r"row 5, column 'share': 'ten' is not a number", "type-error"),
    ("4,,2022,,101,China,", r"row 5, column 'share': '101' is above the maximum 100", "constraint-error"),
    ("4,,2022,,,Atlantis,", r"row 5, column 'actor': 'Atlantis' is not one of", "constraint-error"),
    ("4,,2022,,,,", r"row 5, column 'actor': value is required but empty", "constraint-error"),
    ("2,,2022,,,China,", r"row 5, column 'id': 2 repeats row 3", "unique-error"),
    ("4,,20x3,,,China,", r"row 5, column 'year': '20x3' is not a whole number", "type-error"),
    ("4,,2022,938,,China,", r"row 5, column 'edition': '938' is not a four-digit year", "type-error"),
    (
        "4,,2022,,,China,far too long",
        r"row 5, column 'note': 'far too long'… is longer than 10 characters",
        "constraint-error",
    ),
    (
        "4,,938,,,Vietnam,",
        r"row 5: primary key \('year', 'actor'\) = \(938, 'Vietnam'\) repeats row 3",
        "primary-key",
    ),
]


@pytest.fixture
def csv_dir(tmp_path):
    (tmp_path / "datapackage.json").write_text(json.dumps(CSV_PACKAGE))
    return tmp_path


def frictionless_errors(folder) -> set[str]:
    """The error types the standard's reference implementation finds in a package."""
    from frictionless import Package

    report = Package(str(folder / "datapackage.json")).validate()
    return {error.type for task in report.tasks for error in task.errors} | {e.type for e in report.errors}


def test_the_data_package_is_valid_for_the_standards_own_validator():
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, "frictionless refuses data/datapackage.json:\n" + "\n".join(problems[:20])


def test_loader_reads_a_good_csv_with_types(csv_dir):
    (csv_dir / "sample.csv").write_text(GOOD_CSV)
    table = data.load("sample", data_dir=csv_dir)
    assert table["year"].tolist() == [-111, 938, 2023]
    assert table["share"].isna().tolist() == [False, True, False]
    assert str(table["date"].iloc[0].date()) == "1979-02-17"
    assert frictionless_errors(csv_dir) == set(), "frictionless refuses the file the loader accepts"


@pytest.mark.parametrize(
    "row, message, standard", BAD_ROWS, ids=[f"{standard}-{i}" for i, (_, _, standard) in enumerate(BAD_ROWS)]
)
def test_loader_names_file_row_and_column(csv_dir, row, message, standard):
    (csv_dir / "sample.csv").write_text(GOOD_CSV + row + "\n")
    with pytest.raises(data.DataError, match=r"data/sample\.csv, " + message):
        data.load("sample", data_dir=csv_dir)
    # The standard's own validator refuses the same file for the same reason.
    assert standard in frictionless_errors(csv_dir)


def test_loader_refuses_an_empty_primary_key_cell(csv_dir):
    # Stricter than frictionless 5, which lets one cell of a composite key be empty: a row
    # whose key is incomplete cannot be told apart from the next one with the same gap.
    (csv_dir / "sample.csv").write_text(GOOD_CSV + "4,,,,,China,\n")
    with pytest.raises(data.DataError, match=r"row 5: primary key \('year', 'actor'\) has an empty value"):
        data.load("sample", data_dir=csv_dir)


def test_loader_names_a_missing_or_unexpected_column(csv_dir):
    (csv_dir / "sample.csv").write_text("id,date,year,edition,actor,note\n1,,2000,,China,\n")
    with pytest.raises(data.DataError, match=r"data/sample\.csv: column 'share' is missing"):
        data.load("sample", data_dir=csv_dir)
    assert frictionless_errors(csv_dir) & {"missing-label", "incorrect-label"}
    (csv_dir / "sample.csv").write_text(GOOD_CSV.replace("note\n", "note,extra\n"))
    with pytest.raises(data.DataError, match=r"column 'extra' is not described"):
        data.load("sample", data_dir=csv_dir)
    assert frictionless_errors(csv_dir) & {"extra-label", "extra-cell"}


def test_loader_refuses_unknown_dataset_and_missing_file(csv_dir):
    with pytest.raises(data.DataError, match="no dataset named 'nope'"):
        data.load("nope", data_dir=csv_dir)
    with pytest.raises(data.DataError, match=r"data/sample\.csv: file not found"):
        data.load("sample", data_dir=csv_dir)


@pytest.fixture
def basemap_copy(tmp_path):
    shutil.copy(DATA / "datapackage.json", tmp_path)
    shutil.copy(DATA / "basemap.geojson", tmp_path)
    return tmp_path


def corrupt_feature(folder, index, change):
    path = folder / "basemap.geojson"
    collection = json.loads(path.read_text())
    change(collection["features"][index])
    path.write_text(json.dumps(collection))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda f: f["properties"].update(role="beach"), r"feature 5, column 'role': 'beach' is not one of"),
        (
            lambda f: f["properties"].update(area_km2=-3),
            r"feature 5, column 'area_km2': '-3' is below the minimum 0",
        ),
        (
            lambda f: f["properties"].update(country=None),
            r"feature 5, column 'country': value is required but empty",
        ),
        (
            lambda f: f.update(
                geometry={
                    "type": "Polygon",
                    "coordinates": [[[110, 10], [111, 11], [111, 10], [110, 11], [110, 10]]],
                }
            ),
            r"feature 5, column 'geometry': invalid geometry",
        ),
    ],
)
def test_loader_names_the_bad_feature_in_a_corrupted_basemap(basemap_copy, change, message):
    corrupt_feature(basemap_copy, 4, change)
    with pytest.raises(data.DataError, match=r"data/basemap\.geojson, " + message):
        data.load("basemap", data_dir=basemap_copy)


def test_loader_refuses_a_truncated_geojson(basemap_copy):
    path = basemap_copy / "basemap.geojson"
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(data.DataError, match=r"data/basemap\.geojson: cannot be read"):
        data.load("basemap", data_dir=basemap_copy)


# --- the timeline's events and eras ------------------------------------------------------------


def test_events_cover_the_book_and_cite_known_sources():
    from giants import timeline

    events = timeline.events()
    assert len(events) >= 80, f"only {len(events)} events; the timeline needs at least 80"
    assert events["year"].min() == -111 and events["year"].max() == 2026
    missing = {key for keys in events["sources"] for key in keys.split(";")} - BIB_KEYS
    assert not missing, f"events cite keys not in references.bib: {sorted(missing)}"


def test_the_record_reaches_2026_with_sourced_recent_events():
    """Issue 14: at least 20 dated events from January 2024 on, each with a source, and no date in the future."""
    from giants import timeline

    events = timeline.events()
    recent = events[events["year"] >= 2024]
    assert len(recent) >= 20, f"only {len(recent)} events from 2024 on; issue 14 asks for at least 20"
    assert (recent["precision"] != "year").all(), "events from 2024 on are dated at least to the month"
    assert recent["sources"].str.len().gt(0).all()
    assert events["when"].max() < 2026 + 11 / 12, (
        "an event dated after November 2026, when the record was checked"
    )
    eras = timeline.eras()
    assert eras["end"].max() > events["end_when"].fillna(events["when"]).max(), (
        "the last era must hold the last event"
    )


def test_each_event_date_is_consistent():
    import pandas as pd

    from giants import timeline

    problems = []
    for row in timeline.events().itertuples():
        has_month, has_day = pd.notna(row.month), pd.notna(row.day)
        expected = "day" if has_day else "month" if has_month else "year"
        if row.precision != expected:
            problems.append(f"{row.id}: precision {row.precision!r} but the date is given to the {expected}")
        if has_day and not has_month:
            problems.append(f"{row.id}: a day without a month")
        if pd.notna(row.end_when) and row.end_when < row.when:
            problems.append(f"{row.id}: ends before it starts")
        if row.certainty == "disputed" and pd.isna(row.disputed_note):
            problems.append(f"{row.id}: disputed, but disputed_note does not say who says what")
    assert not problems, "\n".join(problems)


def test_eras_are_contiguous_and_hold_every_event():
    from giants import timeline

    eras = timeline.eras()
    assert (eras["start"].iloc[1:].to_numpy() == eras["end"].iloc[:-1].to_numpy()).all(), (
        "eras must meet end to start"
    )
    missing = {key for keys in eras["sources"] for key in keys.split(";")} - BIB_KEYS
    assert not missing, f"eras cite keys not in references.bib: {sorted(missing)}"
    timeline.events()  # raises if an event falls outside every era


def test_every_work_in_the_bibliography_has_a_kind():
    from giants import sources

    works = sources.bibliography()
    wrong = works[~works["kind"].isin(list(sources.KINDS))]
    assert wrong.empty, (
        f"references.bib entries without a kind of {list(sources.KINDS)}: {list(wrong.index)[:10]}"
    )
    table = sources.sources_by_dataset()
    assert set(table.index) == {r["path"] for r in RESOURCES} and (table["all"] > 0).all()
