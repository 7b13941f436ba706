"""Map measurements: distance zones from coasts only, and distances that are true on the ellipsoid."""

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import Point

from giants import maps


@pytest.fixture(scope="module")
def land():
    return maps.basemap()


def test_distance_to_a_coast_is_the_ellipsoidal_distance(land):
    """A point due east of Vietnam's coast at Mui Dinh: check against pyproj directly."""
    point = gpd.GeoSeries([Point(110.5, 11.35)], crs=4326)
    km = maps.nearest_coast_km(point, land, "Vietnam").iloc[0]
    # The coast near 11.35N lies at about 109.0-109.3E; one degree of longitude there is ~109 km.
    assert 120 < km < 170
    # And it equals the geodesic distance to some coast vertex within a couple of km.
    geod = Geod(ellps="WGS84")
    shore = maps.coasts(land, "Vietnam").union_all()
    nearest_vertex = (
        min(
            (
                geod.inv(110.5, 11.35, x, y)[2]
                for poly in getattr(shore, "geoms", [shore])
                for x, y in poly.exterior.coords
            ),
            default=None,
        )
        / 1000
    )
    assert abs(km - nearest_vertex) < 3


def test_zone_reaches_about_200_nautical_miles_offshore(land):
    zone = maps.distance_zone(land, "Vietnam")
    geod = Geod(ellps="WGS84")
    # Walk east from the coast at 11.35N; the zone's edge should be ~370 km (200 nm) out.
    coast_lon = 109.2
    inside = [lon for lon in [coast_lon + k * 0.05 for k in range(200)] if zone.contains(Point(lon, 11.35))]
    edge_km = geod.inv(coast_lon, 11.35, max(inside), 11.35)[2] / 1000
    assert 360 < edge_km < 385, edge_km


def test_zones_never_grow_from_disputed_features(land):
    """China's zone comes from the mainland and Hainan, never from the Paracel islets."""
    zone = maps.distance_zone(land, "China", nautical_miles=12)
    paracels = land[land["group"] == "Paracel Islands"]
    assert not zone.intersects(paracels.union_all())


def test_unknown_country_is_refused(land):
    with pytest.raises(ValueError, match="no coast"):
        maps.distance_zone(land, "Atlantis")


@pytest.mark.parametrize("country", ["Vietnam", "China", "Philippines"])
def test_zone_edge_lies_within_two_percent_of_200_nautical_miles(land, country):
    import numpy as np

    zone = maps.distance_zone(land, country)
    edge = [zone.boundary.interpolate(f, normalized=True) for f in np.linspace(0, 1, 300)]
    at_sea = gpd.GeoSeries([p for p in edge if 100 < p.x < 125 and 1 < p.y < 25], crs=4326)
    km = maps.nearest_coast_km(at_sea, land, country)
    km = km[km > 300]  # drop edge points where the zone is cut by the frame or meets land
    assert len(km) > 50
    assert km.between(370.4 * 0.98, 370.4 * 1.02).all(), (km.min(), km.max())


def test_sea_area_excludes_land_outside_the_frame(land):
    """Vietnam's zone reaches past 26°N and 99°E, where the basemap has no land to remove."""
    from shapely.geometry import box

    zone = maps.distance_zone(land, "Vietnam")
    sea = maps.at_sea(zone, land)
    assert box(*maps.FRAME).contains(sea.buffer(-1e-9))
    assert not sea.intersects(maps.coasts(land, "Vietnam").union_all().buffer(-0.01))


def test_a_grid_of_points_measures_area_as_the_polygon_does(land):
    zone = maps.at_sea(maps.distance_zone(land, "Brunei"), land)
    grid = maps.sea_grid(zone, step_m=5_000)
    by_polygon = maps.area_km2(gpd.GeoSeries([zone], crs=4326)).iloc[0]
    assert abs(len(grid) * 25 - by_polygon) / by_polygon < 0.005


def test_sea_goes_to_the_nearest_coast(land):
    points = gpd.GeoSeries([Point(109.6, 12.0), Point(111.0, 17.8), Point(100.3, 11.0)], crs=4326).to_crs(
        maps.EQUAL_AREA
    )
    assert maps.nearest_state(points, land).tolist() == ["Vietnam", "China", "Thailand"]


def test_moving_the_dashed_line_moves_the_share_the_right_way(land):
    zone = maps.at_sea(maps.distance_zone(land, "Vietnam"), land)
    grid = maps.sea_grid(zone, step_m=20_000)
    shares = [maps.share_inside(grid, maps.inside_dash_line(2009, moved_km=km)) for km in (-10, 0, 10)]
    assert shares[0] < shares[1] < shares[2]
    assert maps.inside_dash_line(2009, hainan=maps.HAINAN_SOUTHWEST).area > maps.inside_dash_line(2009).area


def test_islands_missing_from_natural_earth_are_coasts(land):
    """Lý Sơn, Cồn Cỏ, Bạch Long Vĩ and Thổ Chu (data/small_islands.csv) are Vietnamese coast in the basemap."""
    from giants import data

    islands = data.load("small_islands")
    at = gpd.GeoSeries(gpd.points_from_xy(islands["lon"], islands["lat"]), crs=4326)
    shore = maps.coasts(land, "Vietnam")
    km = maps.nearest_coast_km(at, land, "Vietnam")
    assert (km < 0.5).all(), km.tolist()  # each position lies on (inside) Vietnamese land
    drawn = shore[shore.intersects(at.union_all())]
    assert len(drawn) == len(islands) and (drawn["role"] == "small island").all()
    # The disc has the island's sourced area (to the basemap's 0.1 km² rounding and the disc's polygon).
    assert abs(maps.area_km2(drawn).sum() - islands["area_km2"].sum()) < 0.5


def test_incidents_at_stand_in_positions_are_drawn_hollow():
    """The print map and the interactive map both tell a guessed position from a reported one."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    incidents = maps.incidents()
    fig, ax = plt.subplots()
    maps.plot_incidents(ax, incidents)
    # A hollow marker has no face colour (matplotlib stores "none" as an empty array) or a transparent one.
    hollow = sum(
        len(c.get_offsets())
        for c in ax.collections
        if len(c.get_facecolor()) == 0 or (c.get_facecolor()[:, 3] == 0).all()
    )
    plt.close(fig)
    assert hollow == incidents["position_approximate"].sum() > 0
    spec = maps.incident_layer(incidents).to_dict()
    fill = spec["encoding"]["fill"]
    assert "position_approximate" in fill["condition"]["test"] and fill["condition"]["value"] != fill["value"]


# --- The print map's labels, insets and the interactive map's views -----------------------


@pytest.fixture(scope="module")
def print_map(land):
    import matplotlib

    matplotlib.use("Agg")
    from giants import toc

    features, incidents = maps.features(), maps.incidents()
    claimants = ["Vietnam", "China", "Philippines", "Malaysia", "Brunei"]
    zones = gpd.GeoSeries(
        [maps.at_sea(maps.distance_zone(land, c), land) for c in claimants], index=claimants, crs=4326
    )
    named = maps.named_features((toc.ROOT / "book" / "the-sea.md").read_text(), features)
    fig, legend, placed = maps.print_map(land, features, incidents, zones, named, title="test")
    yield fig, placed, named, features
    import matplotlib.pyplot as plt

    plt.close(fig), plt.close(legend)


def test_label_boxes_do_not_overlap(print_map):
    """Measured in projected metres as placed, and again in pixels as drawn."""
    fig, placed, _, _ = print_map
    for where, labels in placed.items():
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                assert not maps.boxes_overlap(a.box, b.box), f"{where}: {a.text!r} overlaps {b.text!r}"
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        texts = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() and t.get_zorder() == 7]
        for i, a in enumerate(texts):
            assert not any(a.overlaps(b) for b in texts[i + 1 :])


def test_every_feature_the_chapter_names_has_a_label(print_map):
    _, placed, named, features = print_map
    assert {"woody-island", "mischief-reef", "second-thomas-shoal", "scarborough-shoal"} <= set(named)
    labelled = {lab.text for labels in placed.values() for lab in labels}
    names = features.set_index("id")["name_en"].map(maps.short_name)
    assert {names[i] for i in named} <= labelled, {names[i] for i in named} - labelled
    # Groups, seas, gulfs and the claimant countries are named on the main map.
    main = {lab.text for lab in placed["main"]}
    assert {
        "Paracel Islands",
        "Spratly Islands",
        "South China Sea",
        "Gulf of Tonkin",
        "Gulf of Thailand",
        *maps.CLAIMANTS,
    } <= main


def test_named_features_skips_names_inside_longer_names():
    import pandas as pd

    table = pd.DataFrame(
        {
            "id": ["south", "johnson", "spratly", "itu"],
            "name_en": ["South Reef", "Johnson South Reef", "Spratly Island", "Itu Aba (Taiping Island)"],
        }
    )
    text = "Johnson South Reef lies in the Spratly Islands; Taiping\nIsland is held by Taiwan."
    assert maps.named_features(text, table) == ["johnson", "itu"]


def test_each_inset_contains_every_feature_of_its_group(print_map):
    fig, _, _, features = print_map
    insets = {ax.get_title(loc="left").split(" (")[0]: ax for ax in fig.axes[1:]}
    points = features.to_crs(maps.EQUAL_AREA)
    assert set(insets) == set(maps.INSET_GROUPS)
    for group, ax in insets.items():
        (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
        rows = points[features["group"] == group].geometry
        assert len(rows) and rows.x.between(west, east).all() and rows.y.between(south, north).all(), group


def test_gulf_labels_sit_in_their_gulfs(land):
    """The anchors are computed from the coasts; check them against where the gulfs are."""
    anchors = maps.water_anchors(land)
    at = gpd.GeoSeries(
        gpd.points_from_xy(*zip(*anchors.values())), index=list(anchors), crs=maps.EQUAL_AREA
    ).to_crs(4326)
    assert 105.5 < at["Gulf of Tonkin"].x < 109 and 17.5 < at["Gulf of Tonkin"].y < 21.5
    assert 99.5 < at["Gulf of Thailand"].x < 104.5 and 6.5 < at["Gulf of Thailand"].y < 13.5
    assert not at.intersects(land.union_all()).any()


def test_labels_refuse_to_overlap_when_there_is_no_room():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    with pytest.raises(ValueError, match="no room"):
        maps.place_labels(ax, [("A very long label indeed", 0.5, 0.5, "point")] * 2, fontsize=12)
    plt.close(fig)


def test_map_views_fit_each_group_and_drive_the_projection():
    features = maps.features()
    views = maps.map_views(features)
    assert set(views) == {"whole sea", *maps.INSET_GROUPS}
    # Close enough to tell Spratly features apart on a phone (the zoom slider multiplies it further).
    assert views["Spratly Islands"][2] >= 3.5
    expr = maps.view_expressions(views)
    assert '"Spratly Islands"' in expr["rotate"]["expr"] and "zoom" in expr["scale"]["expr"]
    # Every feature can be chosen, at its group's zoom, centred on itself.
    each = maps.map_views(features, each_feature=True)
    assert set(each) == {"whole sea", *maps.INSET_GROUPS, *features["name_en"]}
    itu = features.set_index("name_en").loc["Itu Aba (Taiping Island)"]
    assert each["Itu Aba (Taiping Island)"] == (
        round(itu["lon"], 3),
        round(itu["lat"], 3),
        views["Spratly Islands"][2],
    )


def test_web_maps_show_every_name_at_twelve_pixels_and_record_it(land):
    """The web's pictures of the print map: text of WEB_TEXT_PX as shown, recorded in the PNG,
    no wider than their column (358 px on a 390 px phone, 688 px at 1280)."""
    import matplotlib

    matplotlib.use("Agg")
    import io

    from PIL import Image

    from giants import toc

    features, incidents = maps.features(), maps.incidents()
    zones = gpd.GeoSeries(
        [maps.at_sea(maps.distance_zone(land, c), land) for c in ["Vietnam", "China"]],
        index=["Vietnam", "China"],
        crs=4326,
    )
    named = maps.named_features((toc.ROOT / "book" / "the-sea.md").read_text(), features)
    pictures = maps.web_maps(land, features, incidents, zones, named)
    assert set(pictures) == {"narrow", "wide", *maps.INSET_GROUPS}
    for name, picture in pictures.items():
        png = Image.open(io.BytesIO(picture.png))
        assert float(png.text[maps.SMALLEST_TEXT_KEY]) / 2 == picture.smallest_css_px >= maps.WEB_TEXT_PX, (
            name
        )
        assert abs(png.width - 2 * picture.css_width) <= 1 and picture._repr_png_()[1] == {
            "width": picture.css_width
        }
        assert picture.css_width <= (688 if name == "wide" else 358), (name, picture.css_width)


def test_the_basemap_drawn_for_the_web_keeps_its_text_at_twelve_pixels(land):
    """data.md's basemap on the web: key below the map, every text WEB_TEXT_PX as shown, no wider
    than its column; the paper figure keeps its key beside the map."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for width, column in ((maps.WEB_NARROW, 358), (maps.WEB_WIDE, 688)):
        fig = maps.basemap_figure(land, width_px=width)
        picture = maps.WebPicture(fig, "basemap")
        plt.close(fig)
        assert picture.smallest_css_px >= maps.WEB_TEXT_PX and picture.css_width <= column, (width, picture)
    paper = maps.basemap_figure(land)
    assert paper.axes[0].get_legend() is not None and not paper.legends
    plt.close(paper)


def test_smallest_text_counts_only_what_is_drawn():
    """An axes switched off keeps hidden axis labels; they do not count, a drawn label does."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(dpi=100)
    ax.set_xlabel("hidden", fontsize=4)
    ax.set_axis_off()
    ax.text(0.5, 0.5, "shown", fontsize=9)
    assert maps.smallest_text_px(fig, 200) == 9 * 200 / 72
    ax.set_axis_on()
    assert maps.smallest_text_px(fig, 200) == 4 * 200 / 72
    plt.close(fig)


def test_feature_table_filters_and_escapes():
    import pandas as pd

    html = maps.feature_table_html(pd.DataFrame({"English": ["A <reef>"], "Tiếng Việt": ["Đá"]}), "caption")
    assert "&lt;reef&gt;" in html and "<input type='search'" in html and "oninput" in html
    assert "Đá" in html and "<script src" not in html


def test_the_key_is_a_picture_a_phone_can_read():
    """The key is drawn as its own image, no wider than a phone, with text of at least 9 pt,
    and goes to the page as a picture that records it, whose text a phone's 358 px column shows
    at 11 px or more."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    legend = maps.map_legend()
    assert legend.get_figwidth() * legend.dpi <= 420
    texts = legend.axes[0].get_legend().get_texts()
    assert len(texts) == 12 and min(t.get_fontsize() for t in texts) >= 9
    assert print_figure(legend) is not None  # IPython shows it (it draws nothing for a figure without axes)
    picture = maps.WebPicture(legend)
    assert picture.smallest_css_px * min(1, 358 / picture.css_width) >= 11
    plt.close(legend)
