"""Maps of the South China Sea: the basemap, the book's projection, and display helpers.

Geometry is stored in WGS 84 longitude/latitude (EPSG:4326), as Altair's `mark_geoshape`
needs it. Areas are measured in `EQUAL_AREA`, an Albers equal-area conic fitted to the sea
(standard parallels 4°N and 22°N). Distance zones are buffered in `EQUIDISTANT`, an
equidistant conic with standard parallels 5°N and 20°N, whose scale stays within about 2 %
of true across the frame; distances from a feature to a coast are then measured exactly,
along the ellipsoid, to the nearest coast point. Nothing is ever measured in degrees.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, Polygon

from giants import data

#: Albers equal-area conic for the South China Sea: areas are true everywhere on the map.
EQUAL_AREA = "+proj=aea +lat_0=13 +lon_0=112.5 +lat_1=4 +lat_2=22 +datum=WGS84 +units=m +no_defs"
#: Equidistant conic for the sea: buffers in metres stay close to true distances.
EQUIDISTANT = "+proj=eqdc +lat_0=13 +lon_0=112.5 +lat_1=5 +lat_2=20 +datum=WGS84 +units=m +no_defs"
#: One international nautical mile, in metres.
NAUTICAL_MILE = 1852.0
#: The basemap's frame: west, south, east, north in degrees.
FRAME = (99.0, 0.0, 126.0, 26.0)


def basemap() -> gpd.GeoDataFrame:
    """Natural Earth land in the frame, one row per polygon, with its `role`.

    role "coast": mainland or an island of at least 100 km²; "small island": an undisputed
    island under 100 km² (Vietnam's Phú Quý and Côn Sơn among them, and the four islands
    Natural Earth lacks, Lý Sơn, Cồn Cỏ, Bạch Long Vĩ and Thổ Chu, added from
    data/small_islands.csv as discs of their area). Both are coasts that zones are measured from. "disputed": the Paracels, the Spratlys, Scarborough Shoal and
    Pratas, never a starting point for any measurement.
    """
    return data.load("basemap")


def coasts(land: gpd.GeoDataFrame, country: str | None = None) -> gpd.GeoDataFrame:
    """Every undisputed polygon of land, of one country if named: mainland and islands alike.

    The law counts an undisputed inhabited island in full, whatever its size, and Vietnam
    draws its baselines from offshore islands such as Phú Quý, Côn Sơn, Lý Sơn and Cồn Cỏ; only disputed
    features are left out.
    """
    rows = land[land["role"] != "disputed"]
    return rows if country is None else rows[rows["country"] == country]


def distance_zone(land: gpd.GeoDataFrame, country: str, nautical_miles: float = 200):
    """The sea within `nautical_miles` of a country's undisputed coasts, islands included.

    A simplified *distance zone*, not a legal EEZ: measured from coastlines rather than the
    legal baselines, no median lines with neighbours, and never from a disputed feature.
    Returned as one (multi)polygon in EPSG:4326, land included. Buffered in `EQUIDISTANT`;
    measured on the ellipsoid, the edges of the 200-nm zones lie 364-374 km from the coast
    against a true 370.4 km (tests/test_maps.py checks this).
    """
    shore = coasts(land, country)
    if shore.empty:
        raise ValueError(f"{country!r} has no coast polygon in the basemap")
    zone = shore.to_crs(EQUIDISTANT).union_all().buffer(nautical_miles * NAUTICAL_MILE, quad_segs=16)
    return gpd.GeoSeries([zone], crs=EQUIDISTANT).to_crs(4326).iloc[0]


def at_sea(shape, land: gpd.GeoDataFrame):
    """The part of a shape that is sea inside the basemap's frame.

    Zones reach past the frame (where the basemap has no land), so they are clipped to it
    before land is removed; otherwise land outside the frame would be counted as sea.
    """
    from shapely.geometry import box

    return shape.intersection(box(*FRAME)).difference(land.union_all())


def nearest_coast_km(points: gpd.GeoSeries, land: gpd.GeoDataFrame, country: str):
    """Ellipsoidal distance in km from each point to the nearest coast of `country`.

    The nearest coast point is found in the equidistant projection; the distance to it is
    then measured on the WGS 84 ellipsoid, so the answer does not depend on the projection.
    """
    from pyproj import Geod
    from shapely.ops import nearest_points

    geod = Geod(ellps="WGS84")
    shore = coasts(land, country).to_crs(EQUIDISTANT).union_all()
    projected = points.to_crs(EQUIDISTANT)
    targets = gpd.GeoSeries([nearest_points(p, shore)[1] for p in projected], crs=EQUIDISTANT).to_crs(4326)
    starts = points.to_crs(4326)
    _, _, metres = geod.inv(starts.x.to_numpy(), starts.y.to_numpy(), targets.x.to_numpy(), targets.y.to_numpy())
    return pd.Series(metres / 1000, index=points.index)


def area_km2(shapes: gpd.GeoDataFrame | gpd.GeoSeries):
    """Area of each shape in km², measured in the book's equal-area projection."""
    return shapes.to_crs(EQUAL_AREA).area / 1e6


def for_display(shapes: gpd.GeoDataFrame, tolerance_m: float = 3_000) -> gpd.GeoDataFrame:
    """A lighter copy for drawing in the page: simplified in metres, back in degrees.

    Pages embed a map's coordinates in their HTML, so fewer vertices mean lighter pages.
    Measurements always use the full geometry, never this copy.
    """
    projected = shapes.to_crs(EQUAL_AREA)
    simple = projected.geometry.simplify(tolerance_m, preserve_topology=True)
    # Simplifying a tiny reef can erase it; keep such shapes as they were.
    keep = ~simple.is_empty
    projected.loc[keep, "geometry"] = simple[keep]
    shown = projected.to_crs(4326)
    # About 100 m of precision is plenty on screen, and halves the JSON in the page.
    rounded = shapely.set_precision(shown.geometry.values, 0.001)
    ok = ~shapely.is_empty(rounded) & shapely.is_valid(rounded)
    shown.loc[ok, "geometry"] = rounded[ok]
    return shown


def add_graticule(ax, step: int = 5, crs: str = EQUAL_AREA) -> None:
    """Draw and label meridians and parallels every `step` degrees on a projected map."""
    west, south, east, north = FRAME
    lines, labels = [], []
    for lon in np.arange(np.ceil(west / step) * step, east + 0.1, step):
        lines.append(LineString([(lon, lat) for lat in np.linspace(south, north, 60)]))
        labels.append((f"{lon:.0f}°E", (lon, south), "bottom"))
    for lat in np.arange(np.ceil(south / step) * step, north + 0.1, step):
        lines.append(LineString([(lon, lat) for lon in np.linspace(west, east, 60)]))
        labels.append((f"{lat:.0f}°N", (west, lat), "left"))
    grid = gpd.GeoSeries(lines, crs=4326).to_crs(crs)
    grid.plot(ax=ax, color="#BBBBBB", linewidth=0.4, zorder=0)
    points = gpd.GeoSeries(gpd.points_from_xy(*zip(*[p for _, p, _ in labels])), crs=4326).to_crs(crs)
    for (text, _, side), point in zip(labels, points):
        if side == "bottom":
            ax.annotate(text, (point.x, point.y), xytext=(0, -4), textcoords="offset points",
                        ha="center", va="top", fontsize=7, color="#555555", annotation_clip=False)
        else:
            ax.annotate(text, (point.x, point.y), xytext=(-4, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=7, color="#555555", annotation_clip=False)


def add_scale_bar(ax, km: int = 500) -> None:
    """A scale bar of `km` kilometres in the lower right of a map drawn in metres."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    right, bottom = x1 - 0.05 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([right - km * 1000, right], [bottom, bottom], color="#333333", linewidth=2,
            solid_capstyle="butt")
    ax.text(right - km * 500, bottom + 0.012 * (y1 - y0), f"{km} km", ha="center", va="bottom",
            fontsize=8, color="#333333")


def features() -> gpd.GeoDataFrame:
    """data/features.csv as points (EPSG:4326), one row per reef, rock or island."""
    table = data.load("features")
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=4326)


def incidents() -> gpd.GeoDataFrame:
    """data/incidents.csv as points (EPSG:4326); `position_approximate` marks stand-in positions."""
    table = data.load("incidents")
    table["position_approximate"] = table["position_approximate"].astype(bool)
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=4326)


#: How incidents are drawn: a filled star where the position is the reported one, a hollow
#: star where it only stands in for a position nobody published, so a reader does not take a
#: guessed point for a measured one.
INCIDENT_STYLE = {False: {"marker": "*", "color": "black", "edgecolor": "black"},
                  True: {"marker": "*", "color": "none", "edgecolor": "black", "linewidth": 0.9}}


def plot_incidents(ax, incidents_m: gpd.GeoDataFrame, markersize: float = 70) -> None:
    """Draw incidents (already in the axes' CRS) on a matplotlib map: hollow where approximate."""
    for approximate, style in INCIDENT_STYLE.items():
        rows = incidents_m[incidents_m["position_approximate"] == approximate]
        if len(rows):
            rows.plot(ax=ax, markersize=markersize, zorder=4, **style)


def incident_layer(incidents: gpd.GeoDataFrame, size: float = 120):
    """Incidents as an Altair point layer: filled triangles at reported positions, hollow ones
    at stand-in positions, with the date, description and precision in the tooltip."""
    import altair as alt

    shown = pd.DataFrame(incidents.drop(columns="geometry")).assign(
        when=incidents["year"].astype(str),
        position=incidents["position_approximate"].map({True: "approximate", False: "as reported"}))
    return alt.Chart(shown).mark_point(shape="triangle-up", size=size, filled=True, stroke="black", strokeWidth=1.5).encode(
        longitude="lon:Q", latitude="lat:Q",
        fill=alt.condition("datum.position_approximate", alt.value("white"), alt.value("black")),
        tooltip=[alt.Tooltip("name:N", title="Incident"), alt.Tooltip("when:N", title="Year"),
                 alt.Tooltip("description:N", title="What happened"), alt.Tooltip("position:N", title="Position"),
                 alt.Tooltip("location_precision:N", title="Where from")])



def kalayaan():
    """The Philippines' Kalayaan Island Group (Presidential Decree 1596, 1978) as a polygon (EPSG:4326).

    The decree gives corner points only; the edges are taken as straight in latitude and longitude."""
    corners = data.load("kalayaan").sort_values("vertex")
    return Polygon(zip(corners["lon"], corners["lat"]))


def claimant_table(table) -> pd.DataFrame:
    """One boolean column per claimant, from the semicolon-separated `claimants` column."""
    claims = table["claimants"].str.get_dummies(sep=";").astype(bool)
    return claims.reindex(columns=[c for c in CLAIMANTS if c in claims.columns])

#: Where the closed outline of the dashed line meets land: the line is open towards China, so
#: "inside the line" is closed from its first dash to southern Hainan (at Sanya) and from its
#: last dash to southern Taiwan (and through the mainland between them). A convention, not a
#: claim. HAINAN_SOUTHWEST is the other plausible place to close it, on Hainan's south-west cape.
LINE_CLOSURE = {"hainan": (109.6, 18.2), "taiwan": (120.85, 21.9), "mainland": [(116.0, 26.0), (110.0, 26.0)]}
HAINAN_SOUTHWEST = (108.6, 18.5)


def dash_lines(version: int = 2009) -> gpd.GeoDataFrame:
    """The dashes of one map version as line segments (approximate positions; see data)."""
    table = data.load("dash_line")
    rows = table[table["version"] == version].sort_values("dash")
    if rows.empty:
        raise ValueError(f"no dashes for map version {version}; data has {sorted(table['version'].unique())}")
    lines = [LineString([(r.start_lon, r.start_lat), (r.end_lon, r.end_lat)]) for r in rows.itertuples()]
    return gpd.GeoDataFrame(rows.reset_index(drop=True), geometry=lines, crs=4326)


def inside_dash_line(version: int = 2009, moved_km: float = 0, hainan=None):
    """The area enclosed by the dashes, joined in order and closed along LINE_CLOSURE.

    Only the dashes west and south of Taiwan enclose the sea (the 2023 map's dash east of
    Taiwan is left out of the outline). The joins between dashes are straight in degrees (the
    bow of a 400-500 km chord is under 1 km). Returned as a polygon in EPSG:4326.

    The dashes' positions are approximate, so the book also measures with the outline moved
    outwards (`moved_km` > 0) or inwards (< 0), in `EQUIDISTANT`, and closed on another point
    of Hainan (`hainan`, for example HAINAN_SOUTHWEST).
    """
    dashes = dash_lines(version)
    dashes = dashes[dashes["start_lon"] < 122.2]  # the dash east of Taiwan encloses no sea
    ring = [pt for line in dashes.geometry for pt in line.coords]
    ring += [LINE_CLOSURE["taiwan"], *LINE_CLOSURE["mainland"], hainan or LINE_CLOSURE["hainan"]]
    outline = Polygon(ring)
    if not outline.is_valid:
        raise ValueError(f"the {version} dashes do not join into a simple outline")
    if moved_km:
        moved = gpd.GeoSeries([outline], crs=4326).to_crs(EQUIDISTANT).buffer(moved_km * 1000, quad_segs=16)
        outline = moved.to_crs(4326).iloc[0]
    return outline


def sea_grid(shape, step_m: float = 5_000) -> gpd.GeoSeries:
    """Points `step_m` apart over a shape (EPSG:4326), on a square grid in `EQUAL_AREA`.

    Each point stands for step_m² of sea, so counting points measures area: the grid is how
    the book divides the sea between coasts (`nearest_state`), which no buffer can do.
    Returned in `EQUAL_AREA`.
    """
    projected = gpd.GeoSeries([shape], crs=4326).to_crs(EQUAL_AREA).iloc[0]
    west, south, east, north = projected.bounds
    xs, ys = np.meshgrid(np.arange(west + step_m / 2, east, step_m), np.arange(south + step_m / 2, north, step_m))
    points = shapely.points(xs.ravel(), ys.ravel())
    return gpd.GeoSeries(points[shapely.contains(projected, points)], crs=EQUAL_AREA)


def nearest_state(points: gpd.GeoSeries, land: gpd.GeoDataFrame) -> pd.Series:
    """For each point, the state whose undisputed coast is nearest (measured in `EQUIDISTANT`).

    This is the equidistance principle that maritime boundaries usually start from; the sea a
    point stands for goes to the nearest state's coast, whatever other zones reach it.
    """
    shores = coasts(land).to_crs(EQUIDISTANT).dissolve("country").geometry
    projected = points.to_crs(EQUIDISTANT)
    distances = pd.DataFrame({country: projected.distance(shore).to_numpy() for country, shore in shores.items()})
    return pd.Series(distances.idxmin(axis=1).to_numpy(), index=points.index)


def share_inside(points: gpd.GeoSeries, outline) -> float:
    """The share of grid points (from `sea_grid`) that lie inside an outline in EPSG:4326."""
    projected = gpd.GeoSeries([outline], crs=4326).to_crs(EQUAL_AREA).iloc[0]
    return float(shapely.contains(projected, points.values).mean())


#: The claimants whose coasts are coloured on the book's maps.
CLAIMANTS = ["China", "Vietnam", "Philippines", "Malaysia", "Taiwan", "Brunei"]


def land_layer(land: gpd.GeoDataFrame, pick=None):
    """Altair layer of the (display-simplified) land, claimants in their colours, others grey.

    `pick` is an optional legend selection on the `who` field that dims everyone else.
    """
    import altair as alt

    from giants import charts

    shown = for_display(land).assign(
        who=lambda d: d["country"].where(d["country"].isin(CLAIMANTS), charts.OTHER),
        kind=lambda d: d["role"].map({"coast": "coast (measured from)", "small island": "small island (measured from)",
                                      "disputed": "disputed (never measured from)"}),
    )
    return alt.Chart(shown).mark_geoshape().encode(
        color=alt.Color("who:N", scale=charts.actor_scale([*CLAIMANTS, charts.OTHER]), title="Country"),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25)) if pick is not None else alt.value(1),
        tooltip=[alt.Tooltip("country:N", title="Natural Earth unit"), alt.Tooltip("kind:N", title="Role"),
                 alt.Tooltip("area_km2:Q", title="Area (km²)", format=",.1f")],
    )


#: The projection of the book's interactive maps: equal-area, fitted to the sea.
ALTAIR_PROJECTION = {"type": "conicEqualArea", "parallels": [4, 22], "rotate": [-112.5, 0, 0]}
