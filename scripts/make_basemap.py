"""Build data/basemap.geojson, a small basemap of the South China Sea region.

Source: Natural Earth 1:10m Admin 0 countries (public domain), as the TopoJSON file
`countries-10m.json` in the npm package world-atlas@2.0.2 (ISC licence). The script fetches
the tarball with `npm pack`, checks it against the pinned sha512 integrity below, and prints
the sha256 of the countries-10m.json it read.

Steps:
1. Read the "countries" layer, set EPSG:4326 (the file is WGS 84 lon/lat but carries no CRS),
   repair every geometry with make_valid, keep the countries that intersect the frame
   99-126 E, 0-26 N, and clip them to it.
2. Explode to single polygons; give each `country` (Natural Earth's name), `iso_n3` (the `id`
   column, "" when missing), `area_km2` (equal-area, see EQUAL_AREA) and a `role`:
   "disputed" for Natural Earth's "Spratly Is." and "Scarborough Reef" units, China's
   polygons in the Paracel box and Taiwan's in the Pratas box (with `group` naming the
   feature); otherwise "coast" if the polygon is at least 100 km2, else "small island".
3. Simplify each non-disputed polygon in EQUAL_AREA with a 500 m tolerance (topology preserved),
   keeping the unsimplified polygon whenever simplification empties or invalidates it or
   moves its outline more than 500 m; disputed polygons (tiny, few vertices) stay as
   Natural Earth drew them. Reproject to 4326.
4. Snap coordinates to a 0.0001 degree grid, keeping the unrounded polygon if snapping
   empties, splits or invalidates it.
5. Add the undisputed small islands Natural Earth lacks at this scale (data/small_islands.csv:
   Vietnam's Lý Sơn, Cồn Cỏ, Bạch Long Vĩ and Thổ Chu), each as a disc of its sourced area around
   its sourced position, drawn in EQUAL_AREA like the rest, with role "small island".
6. Sort by (country, role, -area) and write GeoJSON via a temporary file and os.replace.

Rerunning gives a byte-identical file. Run:  .venv/bin/python scripts/make_basemap.py
"""

import base64
import hashlib
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import box

from giants.maps import EQUAL_AREA, FRAME

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "basemap.geojson"
SMALL_ISLANDS = ROOT / "data" / "small_islands.csv"
PACKAGE = "world-atlas@2.0.2"
INTEGRITY = (
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHc"
    "Ya5ChG0LQ=="
)  # = `npm view world-atlas@2.0.2 dist.integrity`
# The book's frame and equal-area projection (areas and the 500 m tolerance in true metres).
COAST_MIN_KM2 = 100.0
TOLERANCE_M = 500.0  # well under the ~1 km accuracy later distance work needs
GRID_DEG = 0.0001  # about 11 m
# Whole Natural Earth units that are disputed features in their own right.
DISPUTED_UNITS = {"Spratly Is.": "Spratly Islands", "Scarborough Reef": "Scarborough Shoal"}
# Disputed features Natural Earth folds into a claimant: (unit, group, lon/lat box).
DISPUTED_BOXES = [
    ("China", "Paracel Islands", (111.0, 15.6, 113.2, 17.3)),
    ("Taiwan", "Pratas Island", (116.5, 20.5, 117.0, 21.0)),
]


def fetch_countries(workdir: Path) -> Path:
    """npm pack the package, check its integrity, and return the extracted countries file."""
    name = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    digest = hashlib.sha512((workdir / name).read_bytes()).digest()
    if "sha512-" + base64.b64encode(digest).decode() != INTEGRITY:
        raise SystemExit(f"{name}: sha512 does not match the pinned integrity")
    with tarfile.open(workdir / name) as tar:
        tar.extract("package/countries-10m.json", workdir, filter="data")
    return workdir / "package" / "countries-10m.json"


def classify(row) -> tuple[str, str]:
    """Return (role, group) for one polygon; the geometry is in EPSG:4326 here."""
    if row.country in DISPUTED_UNITS:
        return "disputed", DISPUTED_UNITS[row.country]
    for unit, group, bounds in DISPUTED_BOXES:
        if row.country == unit and row.geometry.within(box(*bounds)):
            return "disputed", group
    return ("coast" if row.area_km2 >= COAST_MIN_KM2 else "small island"), ""


def keep_if_sound(new: gpd.GeoSeries, old: gpd.GeoSeries) -> gpd.GeoSeries:
    """Take `new` where it is still one valid, non-empty polygon, else fall back to `old`."""
    ok = new.is_valid & ~new.is_empty & (new.geom_type == "Polygon")
    return new.where(ok, old)


def small_islands(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Discs for the islands Natural Earth leaves out, in the basemap's columns.

    A disc of the island's own area keeps the distance to its coast within a kilometre or two
    of the truth (Lý Sơn, the largest, is about 1.8 km in radius), which is all a 370 km zone
    needs; the disc is not a drawing of the island's shape.
    """
    import numpy as np
    import pandas as pd

    table = pd.read_csv(SMALL_ISLANDS)
    points = gpd.GeoSeries(gpd.points_from_xy(table["lon"], table["lat"]), crs=4326).to_crs(EQUAL_AREA)
    radii = np.sqrt(table["area_km2"] * 1e6 / np.pi)
    discs = gpd.GeoSeries([p.buffer(r, quad_segs=8) for p, r in zip(points, radii)], crs=EQUAL_AREA)
    if discs.to_crs(4326).intersects(land.union_all()).any():
        raise SystemExit("a small island in data/small_islands.csv overlaps land Natural Earth already draws")
    gdf = gpd.GeoDataFrame(
        {
            "country": table["country"],
            "iso_n3": "704",
            "role": "small island",
            "group": "",
            "area_km2": (discs.area / 1e6).round(1),
        },
        geometry=discs.to_crs(4326),
        crs=4326,
    )
    if set(table["country"]) != {"Vietnam"}:
        raise SystemExit("small_islands.csv: set iso_n3 per country before adding other countries' islands")
    gdf["geometry"] = keep_if_sound(gdf.geometry.set_precision(GRID_DEG), gdf.geometry)
    return gdf


def build(src: Path) -> gpd.GeoDataFrame:
    world = gpd.read_file(src, layer="countries").set_crs(4326)
    # Some Natural Earth outlines self-intersect; repair before any overlay. The "structure"
    # method returns only polygonal parts, so no stray lines survive the repair.
    world["geometry"] = world.make_valid(method="structure", keep_collapsed=False)
    frame = box(*FRAME)
    near = world[world.intersects(frame)].copy()
    # The frame edges are meridians and parallels, so clipping in lon/lat is exact.
    near["geometry"] = near.intersection(frame)
    parts = near.explode(index_parts=False)
    while parts.geom_type.isin(["MultiPolygon", "GeometryCollection"]).any():
        parts = parts.explode(index_parts=False)
    # Clipping can leave slivers of line or point along the frame: keep only polygons.
    parts = parts[parts.geom_type == "Polygon"].reset_index(drop=True)
    gdf = gpd.GeoDataFrame(
        {"country": parts["name"], "iso_n3": parts["id"].fillna("")}, geometry=parts.geometry, crs=4326
    )
    gdf["area_km2"] = (gdf.to_crs(EQUAL_AREA).area / 1e6).round(1)
    gdf[["role", "group"]] = gdf.apply(classify, axis=1, result_type="expand")

    projected = gdf.geometry.to_crs(EQUAL_AREA)
    simple = projected.simplify(TOLERANCE_M, preserve_topology=True)
    # GEOS may drop a ring's start vertex and overshoot the tolerance there (up to ~820 m
    # here), so check the real deviation. Disputed features are a few hundred metres across:
    # simplifying would shrink them by up to 65% to save a few bytes, so leave them alone.
    faithful = simple.hausdorff_distance(projected) <= TOLERANCE_M
    simple = simple.where(faithful & (gdf["role"] != "disputed"), projected)
    gdf["geometry"] = keep_if_sound(simple, projected).to_crs(4326)
    gdf = gdf[~gdf.is_empty]
    gdf["geometry"] = keep_if_sound(gdf.geometry.set_precision(GRID_DEG), gdf.geometry)
    gdf = pd.concat([gdf, small_islands(gdf)], ignore_index=True)
    assert gdf.is_valid.all() and not gdf.is_empty.any(), "invalid or empty output geometry"

    # Position breaks ties between equal rounded areas, so row order never depends on input.
    first = shapely.get_point(shapely.get_exterior_ring(gdf.geometry.values), 0)
    gdf = gdf.assign(_x=shapely.get_x(first), _y=shapely.get_y(first), _a=-gdf["area_km2"])
    gdf = gdf.sort_values(["country", "role", "_a", "_x", "_y"]).reset_index(drop=True)
    return gdf[["country", "iso_n3", "role", "group", "area_km2", "geometry"]]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="basemap-") as tmp:
        src = fetch_countries(Path(tmp))
        src_sha = hashlib.sha256(src.read_bytes()).hexdigest()
        gdf = build(src)
    OUT.parent.mkdir(exist_ok=True)
    part = OUT.with_name(OUT.name + ".part")
    try:
        # Name the layer explicitly, or GDAL would name it after the temporary file.
        gdf.to_file(part, driver="GeoJSON", layer="basemap")
        os.replace(part, OUT)
    finally:
        part.unlink(missing_ok=True)
    print(f"input   {PACKAGE} countries-10m.json sha256 {src_sha}")
    print("rows per role:   ", gdf["role"].value_counts().sort_index().to_dict())
    print("rows per country:", gdf["country"].value_counts().sort_index().to_dict())
    print("disputed:")
    for row in gdf[gdf["role"] == "disputed"].itertuples():
        c = row.geometry.representative_point()
        print(f"  {row.group:<18} {row.country:<17} {row.area_km2:>5} km2  {c.x:.3f}E {c.y:.3f}N")
    print(
        f"output  {OUT.relative_to(ROOT)}  {OUT.stat().st_size / 1024:.1f} KB  "
        f"sha256 {hashlib.sha256(OUT.read_bytes()).hexdigest()}"
    )


if __name__ == "__main__":
    main()
