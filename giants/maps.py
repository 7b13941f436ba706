"""Maps of the South China Sea: the basemap, the book's projection, and display helpers.

Geometry is stored in WGS 84 longitude/latitude (EPSG:4326), as Altair's `mark_geoshape`
needs it. Areas are measured in `EQUAL_AREA`, an Albers equal-area conic fitted to the sea
(standard parallels 4°N and 22°N). Distance zones are buffered in `EQUIDISTANT`, an
equidistant conic with standard parallels 5°N and 20°N, whose scale stays within about 2 %
of true across the frame; distances from a feature to a coast are then measured exactly,
along the ellipsoid, to the nearest coast point. Nothing is ever measured in degrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, Polygon
from shapely.ops import polylabel

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
    _, _, metres = geod.inv(
        starts.x.to_numpy(), starts.y.to_numpy(), targets.x.to_numpy(), targets.y.to_numpy()
    )
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


def add_graticule(ax, step: int = 5, crs: str = EQUAL_AREA, fontsize: float = 7) -> None:
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
    # Meridians are named under the frame, parallels to its left.
    placement = {
        "bottom": {"xytext": (0, -4), "ha": "center", "va": "top"},
        "left": {"xytext": (-4, 0), "ha": "right", "va": "center"},
    }
    for (text, _, side), point in zip(labels, points):
        ax.annotate(
            text,
            (point.x, point.y),
            textcoords="offset points",
            fontsize=fontsize,
            color="#555555",
            annotation_clip=False,
            **placement[side],
        )


def add_scale_bar(ax, km: int = 500, fontsize: float = 8) -> None:
    """A scale bar of `km` kilometres in the lower right of a map drawn in metres."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    right, bottom = x1 - 0.05 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([right - km * 1000, right], [bottom, bottom], color="#333333", linewidth=2, solid_capstyle="butt")
    ax.text(
        right - km * 500,
        bottom + 0.012 * (y1 - y0),
        f"{km} km",
        ha="center",
        va="bottom",
        fontsize=fontsize,
        color="#333333",
    )


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
INCIDENT_STYLE = {
    False: {"marker": "*", "color": "black", "edgecolor": "black"},
    True: {"marker": "*", "color": "none", "edgecolor": "black", "linewidth": 0.9},
}


def plot_incidents(ax, incidents_m: gpd.GeoDataFrame, markersize: float = 70) -> None:
    """Draw incidents (already in the axes' CRS) on a matplotlib map: hollow where approximate."""
    for approximate, style in INCIDENT_STYLE.items():
        rows = incidents_m[incidents_m["position_approximate"] == approximate]
        if len(rows):
            rows.plot(ax=ax, markersize=markersize, zorder=4, **style)


def incident_layer(incidents: gpd.GeoDataFrame, size: float = 160):
    """Incidents as an Altair point layer: filled triangles at reported positions, hollow ones
    at stand-in positions, with the date, description and precision in the tooltip."""
    import altair as alt

    shown = pd.DataFrame(incidents.drop(columns="geometry")).assign(
        when=incidents["year"].astype(str),
        position=incidents["position_approximate"].map({True: "approximate", False: "as reported"}),
    )
    return (
        alt.Chart(shown)
        .mark_point(shape="triangle-up", size=size, filled=True, stroke="black", strokeWidth=1.5, clip=True)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            fill=alt.condition("datum.position_approximate", alt.value("white"), alt.value("black")),
            tooltip=[
                alt.Tooltip("name:N", title="Incident"),
                alt.Tooltip("when:N", title="Year"),
                alt.Tooltip("description:N", title="What happened"),
                alt.Tooltip("position:N", title="Position"),
                alt.Tooltip("location_precision:N", title="Where from"),
            ],
        )
    )


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
    xs, ys = np.meshgrid(
        np.arange(west + step_m / 2, east, step_m), np.arange(south + step_m / 2, north, step_m)
    )
    points = shapely.points(xs.ravel(), ys.ravel())
    return gpd.GeoSeries(points[shapely.contains(projected, points)], crs=EQUAL_AREA)


def nearest_state(points: gpd.GeoSeries, land: gpd.GeoDataFrame) -> pd.Series:
    """For each point, the state whose undisputed coast is nearest (measured in `EQUIDISTANT`).

    This is the equidistance principle that maritime boundaries usually start from; the sea a
    point stands for goes to the nearest state's coast, whatever other zones reach it.
    """
    shores = coasts(land).to_crs(EQUIDISTANT).dissolve("country").geometry
    projected = points.to_crs(EQUIDISTANT)
    distances = pd.DataFrame(
        {country: projected.distance(shore).to_numpy() for country, shore in shores.items()}
    )
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
        kind=lambda d: d["role"].map(
            {
                "coast": "coast (measured from)",
                "small island": "small island (measured from)",
                "disputed": "disputed (never measured from)",
            }
        ),
    )
    return (
        alt.Chart(shown)
        .mark_geoshape(clip=True)
        .encode(  # clipped: the map can be zoomed
            color=alt.Color("who:N", scale=charts.actor_scale([*CLAIMANTS, charts.OTHER]), title="Country"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)) if pick is not None else alt.value(1),
            tooltip=[
                alt.Tooltip("country:N", title="Natural Earth unit"),
                alt.Tooltip("kind:N", title="Role"),
                alt.Tooltip("area_km2:Q", title="Area (km²)", format=",.1f"),
            ],
        )
    )


#: The projection of the book's interactive maps: equal-area, fitted to the sea.
ALTAIR_PROJECTION = {"type": "conicEqualArea", "parallels": [4, 22], "rotate": [-112.5, 0, 0]}


# --- Labels for the print map -------------------------------------------------------------
#
# Every label is placed by `place_labels`, never by hand: it tries positions around its anchor
# and keeps the first whose box, measured in the map's projected metres, clears every label
# already placed, every marker and the map's edge. Anchors come from the data: a country's
# label from its land, an island group's from its features, a gulf's from the shape of the
# coasts (`water_anchors`).


@dataclass
class PlacedLabel:
    """A label as drawn: its text, the point it names and its box, both in projected metres."""

    text: str
    anchor: tuple[float, float]
    box: tuple[float, float, float, float]  # west, south, east, north
    leader: bool


def boxes_overlap(a, b) -> bool:
    """Whether two (west, south, east, north) boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


#: The directions tried around a point, in order of preference: beside it, then above and below.
_DIRECTIONS = [
    (1, 0),
    (-1, 0),
    (1, 1),
    (-1, 1),
    (1, -1),
    (-1, -1),
    (0, 1),
    (0, -1),
    (1, 0.5),
    (-1, 0.5),
    (1, -0.5),
    (-1, -0.5),
    (0.5, 1),
    (-0.5, 1),
    (0.5, -1),
    (-0.5, -1),
]


def place_labels(
    ax, items, obstacles=(), fontsize: float = 8, marker_pt: float = 4, **text_kw
) -> list[PlacedLabel]:
    """Place labels on a map without overlaps, greedily, in the order given; return them.

    `items` are (text, x, y, kind) in the axes' projected units; kind "area" labels are first
    tried centred on their anchor, "point" labels only beside it. `obstacles` are marker
    centres that no label may cover. Each label tries eight directions at growing distances;
    one placed further than a couple of marker widths away gets a leader line to its point.
    The axes' limits and aspect must be final before this is called.
    """
    import matplotlib.patheffects as pe

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    ax.apply_aspect()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    pixels = ax.get_window_extent(renderer)
    per_px = (x1 - x0) / pixels.width  # metres per pixel; equal in x and y on an equal-aspect map
    per_pt = per_px * fig.dpi / 72
    half = marker_pt * per_pt  # half the side of the box a marker occupies
    blocked = [(x - half, y - half, x + half, y + half) for x, y in obstacles]
    placed: list[PlacedLabel] = []
    for text, x, y, kind in items:
        probe = ax.text(0, 0, text, fontsize=fontsize, **text_kw)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = (extent.width + 2) * per_px, (extent.height + 2) * per_px
        candidates = [(x, y, False)] if kind == "area" else []
        for ring in (1, 2, 3.5, 5.5, 8, 11, 15, 20, 26, 33):
            gap = half + ring * 2 * per_pt
            for dx, dy in _DIRECTIONS:
                cx = x + dx * (gap + w / 2)
                cy = y + dy * (gap + h / 2)
                candidates.append((cx, cy, ring > 2))
        own = (x - half, y - half, x + half, y + half)
        # The loop stops at the first free place: cx, cy and leader are read after it.
        for cx, cy, leader in candidates:  # noqa: B007
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            inside = x0 <= box[0] and box[2] <= x1 and y0 <= box[1] and box[3] <= y1
            if inside and not any(
                boxes_overlap(box, b)
                for b in [*blocked, *(p.box for p in placed)]
                if b != own or kind != "area"
            ):
                break
        else:
            raise ValueError(f"no room for the label {text!r}")
        placed.append(PlacedLabel(text, (x, y), box, leader))
        ax.text(
            cx,
            cy,
            text,
            fontsize=fontsize,
            ha="center",
            va="center",
            zorder=7,
            path_effects=[pe.withStroke(linewidth=2.5, foreground="white")],
            **text_kw,
        )
        if leader:
            ex, ey = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
            ax.plot([x, ex], [y, ey], color="#333333", linewidth=0.5, zorder=6)
    return placed


def named_features(text: str, table) -> list[str]:
    """The `id`s of the features a chapter names anywhere: prose, code, outputs and captions.

    A feature counts as named under its English name or the name in brackets after it
    ("Itu Aba (Taiping Island)"); a name inside a longer one ("South Reef" in "Johnson South
    Reef", "Spratly Island" in "Spratly Islands") does not count.
    """
    prose = re.sub(r"\s+", " ", text)  # a name may break across lines
    spans = []
    for row in table.itertuples():
        for name in re.findall(r"[^()]+", row.name_en):
            name = name.strip()
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", prose):
                spans.append((m.start(), m.end(), row.id))
    kept = {
        fid
        for s, e, fid in spans
        if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in spans)
    }
    return [fid for fid in table["id"] if fid in kept]


def country_anchors(land: gpd.GeoDataFrame, countries) -> dict[str, tuple[float, float]]:
    """A point well inside each country's largest piece of land in the frame, in `EQUAL_AREA`."""
    from shapely.geometry import box

    inside = land[land["country"].isin(countries)].clip(box(*FRAME)).to_crs(EQUAL_AREA)
    anchors = {}
    for country, rows in inside.groupby("country"):
        parts = [g for geom in rows.geometry for g in getattr(geom, "geoms", [geom])]
        biggest = max(parts, key=lambda g: g.area)
        point = polylabel(biggest, tolerance=1_000)
        anchors[country] = (point.x, point.y)
    return anchors


#: Gulfs are told apart by the coasts nearest them: a gulf is the enclosed sea whose nearest
#: coasts include these states.
GULFS = {"Gulf of Tonkin": {"Vietnam", "China"}, "Gulf of Thailand": {"Thailand", "Cambodia"}}


def water_anchors(
    land: gpd.GeoDataFrame, step_m: float = 30_000, reach_m: float = 400_000
) -> dict[str, tuple[float, float]]:
    """Where to name the South China Sea and its gulfs, found from the coasts, in `EQUAL_AREA`.

    A sea point is *enclosed* when land lies within `reach_m` in at least 60 % of 16 directions.
    Enclosed points are grouped into connected bays; each gulf of `GULFS` is the bay whose
    points lie nearest the states named for it, and is labelled at its point farthest from
    land. The South China Sea is labelled at the point inside China's dashed line farthest
    from land.
    """
    from shapely.geometry import box

    frame = gpd.GeoSeries([box(*FRAME)], crs=4326).to_crs(EQUAL_AREA).iloc[0]
    shore = land.to_crs(EQUAL_AREA).union_all()
    shapely.prepare(shore)
    west, south, east, north = frame.bounds
    xs, ys = np.meshgrid(np.arange(west, east, step_m), np.arange(south, north, step_m))
    points = shapely.points(xs.ravel(), ys.ravel())
    points = points[shapely.contains(frame, points) & ~shapely.intersects(shore, points)]
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    blocked = np.zeros((len(points), len(angles)), dtype=bool)
    px, py = shapely.get_x(points), shapely.get_y(points)
    for r in np.arange(step_m, reach_m + 1, step_m):
        for k, a in enumerate(angles):
            probe = shapely.points(px + r * np.cos(a), py + r * np.sin(a))
            blocked[:, k] |= shapely.intersects(shore, probe)
    enclosed = gpd.GeoSeries(points[blocked.mean(axis=1) >= 0.6], crs=EQUAL_AREA)
    bays = gpd.GeoSeries(enclosed.buffer(step_m * 0.75).union_all(), crs=EQUAL_AREA).explode(
        index_parts=False
    )
    nearest = nearest_state(enclosed, land)
    from_land = enclosed.distance(shore)
    anchors = {}
    for gulf, states in GULFS.items():
        best, best_count = None, 0
        for bay in bays:
            inside = enclosed.within(bay)
            count = nearest[inside].isin(states).sum()
            if count > best_count and set(nearest[inside]) >= states:
                best, best_count = inside, count
        if best is None:
            raise ValueError(f"no enclosed sea found next to {sorted(states)}")
        far = from_land[best].idxmax()
        anchors[gulf] = (enclosed[far].x, enclosed[far].y)
    outline = gpd.GeoSeries([inside_dash_line(2009)], crs=4326).to_crs(EQUAL_AREA).iloc[0]
    sea = outline.intersection(frame).difference(shore)
    parts = getattr(sea, "geoms", [sea])
    centre = polylabel(max(parts, key=lambda g: g.area), tolerance=1_000)
    anchors["South China Sea"] = (centre.x, centre.y)
    return anchors


def inset_bounds(
    points_m: gpd.GeoSeries, aspect: float, margin: float = 0.12
) -> tuple[float, float, float, float]:
    """The box an inset shows: its features' extent plus `margin` on each side, widened to `aspect`
    (width over height) so the equal-aspect inset fills its axes."""
    west, south, east, north = points_m.total_bounds
    w, h = (east - west) * (1 + 2 * margin), (north - south) * (1 + 2 * margin)
    w, h = max(w, h * aspect), max(h, w / aspect)
    cx, cy = (west + east) / 2, (south + north) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


#: The insets of the print map: each shows every feature of its group.
INSET_GROUPS = ["Paracel Islands", "Spratly Islands"]


def short_name(name: str) -> str:
    """A feature's label: its English name without the alternative in brackets."""
    return re.sub(r" \([^)]*\)", "", name)


def _prepared(land, features_, incidents_):
    """The print map's layers in `EQUAL_AREA`, shared by the page's pictures and the print edition."""
    from giants import charts

    return {
        "land": land.to_crs(EQUAL_AREA),
        "points": features_.to_crs(EQUAL_AREA).geometry,
        "incidents": incidents_.to_crs(EQUAL_AREA),
        "dashes": dash_lines(2009).to_crs(EQUAL_AREA),
        "kalayaan": gpd.GeoSeries([kalayaan().boundary], crs=4326).to_crs(EQUAL_AREA),
        "colours": [charts.colour_of(o) for o in features_["occupier"]],
    }


def _draw_main(
    ax,
    layers,
    land,
    features_,
    sea_zones,
    named,
    *,
    label_pt: float,
    small_pt: float,
    marker: float = 14,
    star: float = 70,
):
    """The main map on `ax` (zones, lines, features, incidents, graticule, scale bar, labels);
    returns its placed labels. `label_pt` sizes the names, `small_pt` the graticule and scale."""
    from giants import charts

    land_m, points_m, incidents_m = layers["land"], layers["points"], layers["incidents"]
    land_m.plot(
        ax=ax,
        color=[charts.colour_of(c) if c in CLAIMANTS else charts.LAND for c in land_m["country"]],
        alpha=0.35,
        linewidth=0,
    )
    for claimant, zone in sea_zones.to_crs(
        EQUAL_AREA
    ).items():  # every claimant's zone outlined, Vietnam's shaded
        gpd.GeoSeries([zone], crs=EQUAL_AREA).plot(
            ax=ax,
            facecolor=charts.ACTOR_COLOURS["Vietnam"] if claimant == "Vietnam" else "none",
            alpha=0.12 if claimant == "Vietnam" else 0.8,
            edgecolor=charts.colour_of(claimant),
            linewidth=0.8,
            linestyle="-" if claimant == "Vietnam" else ":",
        )
    layers["dashes"].plot(ax=ax, color=charts.ACTOR_COLOURS["China"], linewidth=2.2)
    layers["kalayaan"].plot(ax=ax, color=charts.ACTOR_COLOURS["Philippines"], linewidth=1.2, linestyle="--")
    points_m.plot(
        ax=ax, color=layers["colours"], markersize=marker, edgecolor="#333333", linewidth=0.3, zorder=3
    )
    plot_incidents(ax, incidents_m, markersize=star)
    frame = gpd.GeoSeries([shapely.geometry.box(*FRAME)], crs=4326).to_crs(EQUAL_AREA).total_bounds
    ax.set_xlim(frame[0], frame[2])
    ax.set_ylim(frame[1], frame[3])
    ax.set_aspect("equal")
    add_graticule(ax, fontsize=small_pt)
    add_scale_bar(ax, km=500, fontsize=small_pt + 1)
    ax.set_axis_off()
    obstacles = list(zip(points_m.x, points_m.y)) + list(zip(incidents_m.geometry.x, incidents_m.geometry.y))
    groups = points_m.groupby(features_["group"].to_numpy())
    countries = country_anchors(land, CLAIMANTS)
    waters = water_anchors(land)
    scarborough = [
        (short_name(r.name_en), p.x, p.y, "point")
        for r, p in zip(features_.itertuples(), points_m)
        if r.id in named and r.group not in INSET_GROUPS
    ]
    items = (
        scarborough
        + [(c, *countries[c], "area") for c in CLAIMANTS]
        + [(g, p.x.mean(), p.y.mean(), "area") for g, p in groups if g in INSET_GROUPS]
        + [(w, *xy, "area") for w, xy in waters.items()]
    )
    return place_labels(ax, items, obstacles, fontsize=label_pt, style="italic")


def _draw_inset(
    ax,
    layers,
    features_,
    group,
    named,
    aspect: float,
    *,
    label_pt: float,
    title_pt: float,
    title: str,
    marker: float = 22,
    star: float = 80,
    wrap: int | None = None,
):
    """One island group on `ax`, every feature of it inside, the named ones labelled (names
    longer than `wrap` characters broken into lines); returns the inset's bounds (west, south,
    east, north) and its placed labels."""
    import textwrap

    from giants import charts

    points_m = layers["points"]
    west, south, east, north = inset_bounds(points_m[features_["group"] == group], aspect)
    layers["land"].plot(ax=ax, color=charts.LAND, linewidth=0)
    layers["dashes"].plot(ax=ax, color=charts.ACTOR_COLOURS["China"], linewidth=1.5)
    layers["kalayaan"].plot(ax=ax, color=charts.ACTOR_COLOURS["Philippines"], linewidth=1.0, linestyle="--")
    points_m.plot(
        ax=ax, color=layers["colours"], markersize=marker, edgecolor="#333333", linewidth=0.3, zorder=3
    )
    plot_incidents(ax, layers["incidents"], markersize=star)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(title, fontsize=title_pt, loc="left")
    incidents_m = layers["incidents"]
    obstacles = list(zip(points_m.x, points_m.y)) + list(zip(incidents_m.geometry.x, incidents_m.geometry.y))
    items = [
        (
            "\n".join(textwrap.wrap(short_name(r.name_en), wrap)) if wrap else short_name(r.name_en),
            p.x,
            p.y,
            "point",
        )
        for r, p in zip(features_.itertuples(), points_m)
        if r.id in named and r.group == group
    ]
    return (west, south, east, north), place_labels(ax, items, obstacles, fontsize=label_pt, marker_pt=3.5)


def print_map(land, features_, incidents_, sea_zones, named, title: str):
    """The chapter's print map: main map with labelled countries, seas and island groups, and
    one inset per group of `INSET_GROUPS` labelling every feature in `named` (ids).

    Returns the figure, the legend as a figure of its own (so that it can be shown below the
    map at a size a phone can read), and the placed labels per axes {"main": [...], group: [...]}.
    The web shows `web_maps` instead: the same map cut into pictures drawn for the width they
    are shown at.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    layers = _prepared(land, features_, incidents_)
    fig = plt.figure(figsize=(10, 7.6), dpi=110)
    ax = fig.add_axes([0.0, 0.0, 0.58, 0.93])
    fig.suptitle(title, x=0.02, ha="left", fontsize=12)
    placed = {"main": _draw_main(ax, layers, land, features_, sea_zones, named, label_pt=8.5, small_pt=7)}
    places = {"Paracel Islands": [0.60, 0.56, 0.39, 0.36], "Spratly Islands": [0.60, 0.02, 0.39, 0.50]}
    for group in INSET_GROUPS:
        place = places[group]
        aspect = (place[2] * fig.get_figwidth()) / (place[3] * fig.get_figheight())
        inset = fig.add_axes(place)
        (west, south, east, north), placed[group] = _draw_inset(
            inset,
            layers,
            features_,
            group,
            named,
            aspect,
            label_pt=7,
            title_pt=9,
            title=f"{group} (boxed on the main map)",
        )
        ax.add_patch(
            Rectangle(
                (west, south),
                east - west,
                north - south,
                fill=False,
                edgecolor="#555555",
                linewidth=0.8,
                zorder=5,
            )
        )
    legend = map_legend()
    return fig, legend, placed


# --- The print map on the web --------------------------------------------------------------
#
# A picture drawn for paper and shrunk by the browser to a phone's column shrinks its text with
# it (the print map's names fell to 3-4 px). The web instead shows pictures drawn for the width
# they are shown at, each with text of at least `WEB_TEXT_PX` CSS pixels: the main map twice
# (for a phone's column and for a laptop's), and each inset as a picture of its own, stacked
# under the map on a phone and side by side on a wider screen (book/_static/giants.css).

#: Smallest text on a web picture, in CSS pixels as shown; the browser test wants 11 or more.
WEB_TEXT_PX = 12
#: Width in CSS pixels of the web pictures: a phone column (358 px at 390) and a laptop column
#: (688 px at 1280; 736 at 768), which holds two insets side by side.
WEB_NARROW, WEB_WIDE = 340, 680
WEB_INSET = 336
#: The PNG text chunk in which a web picture records its smallest text, in the PNG's pixels;
#: the browser test reads it to tell the size the text is shown at (tests/browser_tools.py).
SMALLEST_TEXT_KEY = "giants:smallest-text-px"


def smallest_text_px(fig, dpi: float) -> float:
    """The font size of the smallest visible text in `fig`, in pixels of a picture saved at `dpi`."""
    # Only text that is drawn: an axes switched off keeps its (hidden) tick and axis labels.
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title]
        if ax.get_legend() is not None:
            texts += [*ax.get_legend().get_texts(), ax.get_legend().get_title()]
        if ax.axison:
            texts += [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label, ax.yaxis.label]
    sizes = [t.get_fontsize() for t in texts if t.get_visible() and t.get_text().strip()]
    return min(sizes) * dpi / 72 if sizes else float("inf")


class WebPicture:
    """A matplotlib figure as a page shows it: a PNG at twice its size in CSS pixels (sharp on
    phone screens), shown at that size, that records its smallest text (`SMALLEST_TEXT_KEY`)."""

    def __init__(self, fig, description: str = ""):
        import io

        dpi = fig.dpi * 2
        smallest = smallest_text_px(fig, dpi)
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="png",
            dpi=dpi,
            bbox_inches="tight",
            pad_inches=0.04,
            metadata={SMALLEST_TEXT_KEY: f"{smallest:.2f}", "Software": None},
        )
        self.png = buffer.getvalue()
        width, height = int.from_bytes(self.png[16:20], "big"), int.from_bytes(self.png[20:24], "big")
        self.css_width, self.css_height = round(width / 2), round(height / 2)
        self.smallest_css_px = smallest / 2
        self.description = description

    def _repr_png_(self):
        # Only the width: the stylesheet keeps the height in proportion when a column is narrower.
        return self.png, {"width": self.css_width}

    def __repr__(self) -> str:
        return f"<map picture {self.css_width}x{self.css_height} px{': ' + self.description if self.description else ''}>"


def _web_figure(width_px: float, height_px: float):
    import matplotlib.pyplot as plt

    # 96 dots per inch: one point of type is 4/3 of a CSS pixel, as browsers count.
    return plt.figure(figsize=(width_px / 96, height_px / 96), dpi=96)


def web_maps(land, features_, incidents_, sea_zones, named) -> dict[str, WebPicture]:
    """The print map for the web: {"narrow": main map for a phone, "wide": main map for a wider
    column, group: one inset per `INSET_GROUPS`}, every text at least `WEB_TEXT_PX` as shown."""
    import matplotlib.pyplot as plt

    layers = _prepared(land, features_, incidents_)
    pt = WEB_TEXT_PX * 0.75  # CSS pixels to points at 96 dpi
    pictures = {}
    for name, width in (("narrow", WEB_NARROW), ("wide", WEB_WIDE)):
        # The frame is about as tall as wide; graticule labels need a margin left and below.
        fig = _web_figure(width, width * 1.02)
        ax = fig.add_axes([0.11, 0.06, 0.88, 0.93])
        scale = width / WEB_NARROW
        _draw_main(
            ax,
            layers,
            land,
            features_,
            sea_zones,
            named,
            label_pt=pt + (1.5 if name == "wide" else 0),
            small_pt=pt,
            marker=14 * scale,
            star=50 * scale,
        )
        pictures[name] = WebPicture(fig, f"main map, {name}")
        plt.close(fig)
    heights = {"Paracel Islands": 300, "Spratly Islands": 400}
    for group in INSET_GROUPS:
        fig = _web_figure(WEB_INSET, heights[group])
        ax = fig.add_axes([0.01, 0.01, 0.98, 0.98 - 24 / heights[group]])
        aspect = (0.98 * WEB_INSET) / ((0.98 - 24 / heights[group]) * heights[group])
        _draw_inset(
            ax,
            layers,
            features_,
            group,
            named,
            aspect,
            label_pt=pt,
            title_pt=pt + 1.5,
            title=group,
            marker=30,
            star=90,
            wrap=10,
        )
        pictures[group] = WebPicture(fig, group)
        plt.close(fig)
    return pictures


def map_legend():
    """The print map's key as a figure of its own, two columns at a size a phone can read."""
    import matplotlib.pyplot as plt
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D

    from giants import charts

    occupiers = ["China", "Vietnam", "Philippines", "Malaysia", "Taiwan", "none"]
    others = tuple(
        Line2D([], [], color=charts.colour_of(c), lw=1.2, ls=":")
        for c in ["China", "Philippines", "Malaysia", "Brunei"]
    )
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            color=charts.colour_of(o),
            markeredgecolor="#333333",
            label=f"held by {o}" if o != "none" else "unoccupied",
        )
        for o in occupiers
    ] + [
        Line2D([], [], color=charts.ACTOR_COLOURS["China"], lw=2.2, label="China's dashed line (approx.)"),
        Line2D(
            [], [], color=charts.ACTOR_COLOURS["Philippines"], lw=1.2, ls="--", label="Kalayaan claim (1978)"
        ),
        Line2D([], [], color=charts.ACTOR_COLOURS["Vietnam"], lw=6, alpha=0.3, label="Vietnam's 200-nm zone"),
        others,
        Line2D([], [], marker="*", ls="", color="black", markersize=11, label="incident"),
        Line2D(
            [],
            [],
            marker="*",
            ls="",
            markerfacecolor="none",
            markeredgecolor="black",
            markersize=11,
            label="incident, place approx.",
        ),
    ]
    labels = [h.get_label() if not isinstance(h, tuple) else "others' 200-nm zones" for h in handles]
    # On an axes of its own: IPython draws no picture of a figure without axes.
    fig, ax = plt.subplots(figsize=(3.7, 1.55), dpi=110)
    ax.set_axis_off()
    # Tight spacing: the key as drawn is 440 px wide, and a phone's column (about 340 px in its
    # figure) shrank its 9-pt text to 10.6 px; shorter handles and gaps keep it at 11 or more.
    ax.legend(
        handles=handles,
        labels=labels,
        loc="center",
        ncol=2,
        fontsize=9,
        frameon=False,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0)},
        columnspacing=0.6,
        handletextpad=0.4,
        handlelength=1.5,
    )
    return fig


# --- The interactive map's views and the feature table ------------------------------------

#: The interactive map's zoom slider runs from 1 to this: enough, at a group's scale, to set the
#: two closest features of the table (3.6 km apart) 24 px apart on a phone (tests/test_browser.py;
#: at 20 they were 23.3 px apart).
MAX_ZOOM = 24


def map_views(features_, each_feature: bool = False) -> dict[str, tuple[float, float, float]]:
    """Where the interactive map can look: the whole frame and each group, as (lon, lat, zoom),
    and with `each_feature` every feature too (by English name, at its group's zoom).

    Centres and zooms come from the features' extent, so a group fills the map when chosen:
    zoom is how many times smaller the group's span is than the frame's (with a margin)."""
    west, south, east, north = FRAME
    views = {"whole sea": ((west + east) / 2, (south + north) / 2, 1.0)}
    for group, rows in features_.groupby("group"):
        if group not in INSET_GROUPS:
            continue
        span = max(rows["lon"].max() - rows["lon"].min(), rows["lat"].max() - rows["lat"].min()) * 1.3
        views[group] = (
            round(float(rows["lon"].mean()), 3),
            round(float(rows["lat"].mean()), 3),
            round(float(min((east - west), (north - south)) / span), 1),
        )
    if each_feature:
        for row in features_.sort_values("name_en").itertuples():
            zoom = views.get(row.group, (0, 0, views["Spratly Islands"][2]))[
                2
            ]  # Scarborough: as the Spratlys
            views[row.name_en] = (round(float(row.lon), 3), round(float(row.lat), 3), zoom)
    return views


def view_expressions(
    views: dict[str, tuple[float, float, float]], param: str = "view", zoom: str = "zoom"
) -> dict:
    """Vega expressions for a projection's rotate, center and scale, driven by two bound params.

    The projection turns to the chosen view's meridian and centres on its parallel; the scale
    fits the whole frame (about 0.47 radians each way) into the map, times the view's zoom and
    the reader's own."""

    import json

    def pick(values):  # the first view is the default; names quoted as JSON (some hold quotes)
        expr = str(values[0])
        for name, value in list(zip(views, values))[1:]:
            expr = f"({param} === {json.dumps(name, ensure_ascii=False)} ? {value} : {expr})"
        return expr

    lons, lats, zooms = zip(*views.values())
    return {
        "rotate": {"expr": f"[-{pick(lons)}, 0, 0]"},
        "center": {"expr": f"[0, {pick(lats)}]"},
        "scale": {"expr": f"{zoom} * {pick(zooms)} * min(width, height) / 0.5"},
    }


def feature_table_html(table: pd.DataFrame, caption: str) -> str:
    """The features as an HTML table with a filter box: typing keeps only the rows that contain
    the text, in any column and any language. A few lines of inline script, no library."""
    import html

    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{'' if pd.isna(v) else html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    script = (
        "const q=this.value.toLowerCase();"
        "this.closest('.giants-filter-table').querySelectorAll('tbody tr')"
        ".forEach(r=>{r.hidden=!r.textContent.toLowerCase().includes(q)})"
    )
    return (
        f"<div class='giants-filter-table'><label>Find a feature: "
        f"<input type='search' placeholder='name in any language, holder, group…' oninput=\"{script}\"></label>"
        f"<div style='overflow:auto;max-height:28rem'><table class='table'><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


class FeatureTable:
    """A table for the page: the searchable HTML table on the web, a pointer to the data on paper."""

    def __init__(self, table: pd.DataFrame, caption: str):
        self.table, self.caption = table, caption

    def _repr_html_(self) -> str:
        return feature_table_html(self.table, self.caption)

    def __repr__(self) -> str:
        return f"{self.caption}: {len(self.table)} features, listed in data/features.csv."


def basemap_figure(land, width_px: float | None = None):
    """The land the book measures from (data.md): coasts coloured by country, disputed islets as
    dots named by group, graticule and scale bar. For paper (`width_px` None) the key sits to
    the right; for the web the figure is drawn `width_px` CSS pixels wide, its key below, every
    text `WEB_TEXT_PX` as shown (shown through `WebPicture`)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from giants import charts

    web = width_px is not None
    pt = WEB_TEXT_PX * 0.75 if web else 8  # CSS pixels to points at 96 dpi
    if web:
        # A phone's key takes four rows under the map, a wide column's two.
        narrow = width_px < 500
        fig = _web_figure(width_px, width_px * (1.3 if narrow else 1.02))
        ax = fig.add_axes([0.12, 0.27, 0.86, 0.68] if narrow else [0.08, 0.1, 0.9, 0.85])
    else:
        fig, ax = plt.subplots(figsize=(8.6, 7), dpi=110)
    projected = land.to_crs(EQUAL_AREA)
    for role, alpha in [("coast", 1.0), ("small island", 0.7)]:
        shapes = projected[projected["role"] == role]
        shapes.plot(
            ax=ax,
            color=[charts.colour_of(c) for c in shapes["country"]],
            alpha=alpha,
            edgecolor="white",
            linewidth=0.2,
        )
    specks = projected[projected["role"] == "disputed"].representative_point()
    specks.plot(ax=ax, color=charts.DISPUTED, markersize=6, zorder=3)
    for group, points in specks.groupby(projected["group"]):
        centre = points.union_all().centroid
        ax.annotate(
            group,
            (centre.x, centre.y),
            xytext=(8, 6),
            textcoords="offset points",
            fontsize=pt,
            color=charts.DISPUTED,
        )
    add_graticule(ax, fontsize=pt if web else 7)
    add_scale_bar(ax, km=500, fontsize=pt)
    ax.set_axis_off()
    ax.set_title("Land around the South China Sea", loc="left", fontsize=pt + 3 if web else 12)
    handles = [Patch(color=charts.colour_of(c), label=c) for c in [*CLAIMANTS, "Other"]] + [
        plt.Line2D([], [], marker="o", ls="", color=charts.DISPUTED, label="Disputed islets")
    ]
    if web:
        # Below the map, in columns: a key to the right would squeeze the map on a phone.
        fig.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.02, 0.0),
            ncols=2 if narrow else 4,
            fontsize=pt,
            frameon=False,
            handlelength=1.2,
            columnspacing=1.0,
        )
    else:
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return fig
