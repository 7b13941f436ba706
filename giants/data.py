"""Load the book's datasets, validated against their description in data/datapackage.json.

Every file in data/ is one *resource* of a Frictionless data package (Data Package and Table
Schema; `frictionless validate data/datapackage.json` passes, and a test holds it to that).
`load(name)` reads a resource, checks every row against its schema and returns a pandas
DataFrame (CSV) or a GeoDataFrame (GeoJSON). A bad value raises `DataError` naming the file,
the row and the column, before any chart can be drawn from half the data. The loader is never
looser than the standard: a file it accepts, frictionless accepts too (tests/test_data.py runs
both on the same corrupted copies).

    from giants import data
    basemap = data.load("basemap")
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import pandas as pd

#: Where the data lives. GIANTS_DATA_DIR points elsewhere (a copy, a test fixture).
DATA_DIR = Path(os.environ.get("GIANTS_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))

MISSING = ""  # an empty cell is a missing value, as in Frictionless' default missingValues


class DataError(ValueError):
    """A data file does not match its description in datapackage.json."""


def package(data_dir: Path | None = None) -> dict:
    """The data package descriptor (data/datapackage.json) as a dict."""
    return _read_package(Path(data_dir or DATA_DIR))


@cache
def _read_package(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: no data package descriptor here") from None
    except json.JSONDecodeError as err:
        raise DataError(f"{path}, line {err.lineno}: not valid JSON ({err.msg})") from None


def resource(name: str, data_dir: Path | None = None) -> dict:
    """The description of one dataset, looked up by its name."""
    resources = {r["name"]: r for r in package(data_dir)["resources"]}
    if name not in resources:
        raise DataError(f"no dataset named {name!r}; datapackage.json lists {sorted(resources)}")
    return resources[name]


def load(name: str, data_dir: Path | None = None):
    """Read and validate one dataset: a DataFrame for CSV, a GeoDataFrame for GeoJSON."""
    data_dir = Path(data_dir or DATA_DIR)
    res = resource(name, data_dir)
    path = data_dir / res["path"]
    label = f"data/{res['path']}"
    if not path.exists():
        raise DataError(f"{label}: file not found (described in datapackage.json as {name!r})")
    if res["format"] == "csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        return _validate(raw, res["schema"], label, first_row=2)
    if res["format"] == "geojson":
        return _load_geojson(path, res, label)
    raise DataError(f"{label}: unknown format {res['format']!r}")


def _load_geojson(path: Path, res: dict, label: str):
    import geopandas as gpd

    try:
        frame = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several types; the message is what helps
        raise DataError(f"{label}: cannot be read as GeoJSON ({err})") from None
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise DataError(f"{label}: coordinates must be WGS 84 longitude/latitude (EPSG:4326)")
    # Validate the properties as text, exactly as a CSV would be, then keep the geometry.
    props = frame.drop(columns="geometry").astype(object).where(frame.notna(), None)
    props = props.map(lambda v: MISSING if v is None else _as_text(v))
    table = _validate(props, res["schema"], label, first_row=1, row_word="feature")
    for i, geom in enumerate(frame.geometry, start=1):
        if geom is None or geom.is_empty:
            raise DataError(f"{label}, feature {i}, column 'geometry': empty geometry")
        if not geom.is_valid:
            raise DataError(f"{label}, feature {i}, column 'geometry': invalid geometry")
        minx, miny, maxx, maxy = geom.bounds
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            raise DataError(f"{label}, feature {i}, column 'geometry': coordinates out of range")
    return gpd.GeoDataFrame(table, geometry=frame.geometry.values, crs=frame.crs)


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def _validate(raw: pd.DataFrame, schema: dict, label: str, first_row: int, row_word="row"):
    """Check columns and every cell; return a typed copy. Rows count as in the file."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in raw.columns]
    extra = [c for c in raw.columns if c not in names]
    if missing:
        raise DataError(f"{label}: column {missing[0]!r} is missing (expected columns {names})")
    if extra:
        raise DataError(f"{label}: column {extra[0]!r} is not described in datapackage.json")
    out = {}
    for field in fields:
        name = field["name"]
        convert = _CONVERTERS[field.get("type", "string")]
        constraints = field.get("constraints", {})
        values = []
        for offset, text in enumerate(raw[name].tolist()):
            where = f"{label}, {row_word} {first_row + offset}, column {name!r}"
            text = text.strip() if isinstance(text, str) else text
            if text == MISSING:
                if constraints.get("required"):
                    raise DataError(f"{where}: value is required but empty")
                values.append(None)
                continue
            try:
                value = convert(text, field)
            except ValueError as err:
                raise DataError(f"{where}: {text!r} {err}") from None
            _check_constraints(value, text, constraints, where)
            values.append(value)
        if constraints.get("unique"):
            seen = {}
            for offset, value in enumerate(values):
                if value is not None and value in seen:
                    raise DataError(
                        f"{label}, {row_word} {first_row + offset}, column {name!r}: "
                        f"{value!r} repeats {row_word} {first_row + seen[value]}; values must be unique"
                    )
                seen.setdefault(value, offset)
        out[name] = pd.Series(values, dtype=_DTYPES.get(field.get("type", "string"), "object"))
    table = pd.DataFrame(out, index=raw.index)
    _check_primary_key(table, schema, label, first_row, row_word)
    return table


def _check_primary_key(table: pd.DataFrame, schema: dict, label: str, first_row: int, row_word: str) -> None:
    """Every row's primary key (one column or several) is present and unique, as Table Schema asks."""
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else list(key)
    for name in key:
        if name not in table.columns:
            raise DataError(f"{label}: primary key {name!r} is not a column")
    if not key:
        return
    seen: dict[tuple, int] = {}
    for offset, values in enumerate(table[key].itertuples(index=False, name=None)):
        row = first_row + offset
        if any(pd.isna(value) for value in values):
            raise DataError(f"{label}, {row_word} {row}: primary key {tuple(key)} has an empty value")
        if values in seen:
            shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in values)  # no numpy reprs
            raise DataError(
                f"{label}, {row_word} {row}: primary key {tuple(key)} = ({shown}) "
                f"repeats {row_word} {seen[values]}; keys must be unique"
            )
        seen[values] = row


def _check_constraints(value, text: str, constraints: dict, where: str) -> None:
    if "enum" in constraints and value not in constraints["enum"]:
        raise DataError(f"{where}: {text!r} is not one of {constraints['enum']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise DataError(f"{where}: {text!r} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > constraints["maximum"]:
        raise DataError(f"{where}: {text!r} is above the maximum {constraints['maximum']}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise DataError(f"{where}: {text!r} does not match the pattern {constraints['pattern']!r}")
    if "minLength" in constraints and len(text) < constraints["minLength"]:
        raise DataError(f"{where}: {text!r} is shorter than {constraints['minLength']} characters")
    if "maxLength" in constraints and len(text) > constraints["maxLength"]:
        raise DataError(f"{where}: {text[:40]!r}… is longer than {constraints['maxLength']} characters")


def _to_integer(text: str, field: dict) -> int:
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError("is not a whole number")
    return int(text)


def _to_number(text: str, field: dict) -> float:
    try:
        number = float(text)
    except ValueError:
        raise ValueError("is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("is not a finite number")
    return number


def _to_boolean(text: str, field: dict) -> bool:
    truth = {"true": True, "false": False}
    if text.lower() not in truth:
        raise ValueError("is not true or false")
    return truth[text.lower()]


def _to_date(text: str, field: dict) -> pd.Timestamp:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("is not a date written YYYY-MM-DD")
    try:
        return pd.Timestamp(text)
    except ValueError:
        raise ValueError("is not a real calendar date") from None


def _to_year(text: str, field: dict) -> int:
    # Table Schema's year is four digits, AD: earlier years are integers (negative for BC).
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError("is not a four-digit year (a year before 1000 or BC needs type integer)")
    return int(text)


_CONVERTERS = {
    "string": lambda text, field: text,
    "integer": _to_integer,
    "number": _to_number,
    "boolean": _to_boolean,
    "date": _to_date,
    "year": _to_year,
}
_DTYPES = {
    "integer": "Int64",
    "year": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64[ns]",
    "string": "string",
}
