"""Maps of the South China Sea: the basemap, the book's projection, and display helpers.

Geometry is stored in WGS 84 longitude/latitude (EPSG:4326), as Altair's `mark_geoshape`
needs it. Areas and lengths are measured in `EQUAL_AREA`, an Albers equal-area conic fitted
to the sea (standard parallels 4°N and 22°N), never in degrees.
"""

from __future__ import annotations

import geopandas as gpd

from giants import data

#: Albers equal-area conic for the South China Sea: areas are true everywhere on the map.
EQUAL_AREA = "+proj=aea +lat_0=13 +lon_0=112.5 +lat_1=4 +lat_2=22 +datum=WGS84 +units=m +no_defs"
#: The basemap's frame: west, south, east, north in degrees.
FRAME = (99.0, 0.0, 126.0, 26.0)


def basemap() -> gpd.GeoDataFrame:
    """Natural Earth land in the frame, one row per polygon, with its `role`.

    role "coast": mainland or an island of at least 100 km²; the only land a claimant's
    distance zone may be measured from. "small island": kept for the picture only.
    "disputed": the Paracels, the Spratlys, Scarborough Shoal and Pratas, never a baseline.
    """
    return data.load("basemap")


def coasts(land: gpd.GeoDataFrame, country: str | None = None) -> gpd.GeoDataFrame:
    """Mainland and large-island polygons, of one country if named."""
    rows = land[land["role"] == "coast"]
    return rows if country is None else rows[rows["country"] == country]


def area_km2(shapes: gpd.GeoDataFrame | gpd.GeoSeries):
    """Area of each shape in km², measured in the book's equal-area projection."""
    return shapes.to_crs(EQUAL_AREA).area / 1e6


def for_display(shapes: gpd.GeoDataFrame, tolerance_m: float = 2_000) -> gpd.GeoDataFrame:
    """A lighter copy for drawing in the page: simplified in metres, back in degrees.

    Pages embed a map's coordinates in their HTML, so fewer vertices mean lighter pages.
    Measurements always use the full geometry, never this copy.
    """
    projected = shapes.to_crs(EQUAL_AREA)
    simple = projected.geometry.simplify(tolerance_m, preserve_topology=True)
    # Simplifying a tiny reef can erase it; keep such shapes as they were.
    keep = ~simple.is_empty
    projected.loc[keep, "geometry"] = simple[keep]
    return projected.to_crs(4326)
