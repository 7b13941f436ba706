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
    nearest_vertex = min((geod.inv(110.5, 11.35, x, y)[2] for poly in getattr(shore, "geoms", [shore])
                          for x, y in poly.exterior.coords), default=None) / 1000
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
    points = gpd.GeoSeries([Point(109.6, 12.0), Point(111.0, 17.8), Point(100.3, 11.0)], crs=4326).to_crs(maps.EQUAL_AREA)
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
    hollow = sum(len(c.get_offsets()) for c in ax.collections
                 if len(c.get_facecolor()) == 0 or (c.get_facecolor()[:, 3] == 0).all())
    plt.close(fig)
    assert hollow == incidents["position_approximate"].sum() > 0
    spec = maps.incident_layer(incidents).to_dict()
    fill = spec["encoding"]["fill"]
    assert "position_approximate" in fill["condition"]["test"] and fill["condition"]["value"] != fill["value"]
