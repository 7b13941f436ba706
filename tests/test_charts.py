"""The chart theme, the source-line helper, and the vendored scripts charts are drawn with."""

import hashlib
import json

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert

from giants import charts
from giants.sphinx.charts import chart_html
from giants.toc import ROOT

VENDOR = ROOT / "book" / "_static" / "vendor"


@pytest.fixture
def sample():
    charts.use_book_theme()
    frame = pd.DataFrame({"country": ["China", "Vietnam", "United States"], "value": [3, 5, 4]})
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("country:N", title=None),
            y=alt.Y("value:Q", title="Value (units)"),
            color=alt.Color("country:N", scale=charts.actor_scale(frame.country), legend=None),
        )
    )
    return charts.finish(bars, source="A test table", alt_text="Three bars; Vietnam's is tallest.")


def test_theme_renders_a_chart_with_book_colours(sample):
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    svg = vl_convert.vegalite_to_svg(sample.to_dict(), vl_version=major_minor)
    for actor in ("China", "Vietnam", "United States"):
        assert charts.ACTOR_COLOURS[actor].lower() in svg.lower(), f"{actor}'s colour not drawn"


def test_finish_records_source_alt_text_and_page_width(sample):
    spec = sample.to_dict()
    assert spec["usermeta"]["giants"]["source"] == "A test table"
    assert spec["description"].startswith("Three bars")
    # A fixed width a notebook can draw; the book's build makes it follow the column.
    assert spec["width"] == charts.COLUMN_WIDTH
    assert spec["usermeta"]["giants"]["width"] == "container"


@pytest.mark.parametrize("source, alt_text", [("", "some alt"), ("a source", " ")])
def test_finish_refuses_a_chart_without_source_or_alt_text(source, alt_text):
    with pytest.raises(ValueError):
        charts.finish(alt.Chart(pd.DataFrame({"a": [1]})).mark_point(), source=source, alt_text=alt_text)


def test_actor_scale_keeps_book_order_and_refuses_unknown_actors():
    scale = charts.actor_scale(["Vietnam", "China"])
    assert scale.domain == ["China", "Vietnam"]
    assert scale.range == [charts.ACTOR_COLOURS["China"], charts.ACTOR_COLOURS["Vietnam"]]
    with pytest.raises(KeyError, match="Atlantis"):
        charts.actor_scale(["Atlantis"])


def test_every_actor_has_its_own_colour():
    colours = list(charts.ACTOR_COLOURS.values())
    assert len(set(colours)) == len(colours) == 8
    assert charts.NEUTRAL not in colours


def test_chart_html_keeps_spec_inert_and_source_visible():
    html = chart_html({"usermeta": {"note": "</script><b>"}}, "Tom & Jerry <2024>")
    assert "</script><b>" not in html, "a '</' inside the spec would end the script element"
    assert '<p class="chart-source">Source: Tom &amp; Jerry &lt;2024&gt;</p>' in html


def test_vendored_scripts_match_altair_and_their_record():
    versions = json.loads((VENDOR / "VERSIONS.json").read_text())
    assert versions["vega-lite"]["version"] == alt.SCHEMA_VERSION.lstrip("v")
    assert versions["vega"]["version"].split(".")[0] == alt.VEGA_VERSION
    assert versions["vega-embed"]["version"].split(".")[0] == alt.VEGAEMBED_VERSION
    for name, info in versions.items():
        path = VENDOR / info["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == info["sha256"], f"{path} changed"
        licence = VENDOR / f"{name}.LICENSE.txt"
        assert licence.stat().st_size > 500, f"{name} is vendored without its licence"


# Machado, Oliveira & Fernandes (2009) simulation matrices, severity 1.0, on linear RGB.
DICHROMACY = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}


def _lab(hex_colour: str, matrix) -> "np.ndarray":
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(np.array(matrix) @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ seen
    xyz = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", ["normal", *DICHROMACY])
def test_actor_colours_stay_apart_under_colour_blindness(vision):
    """Every pair of actor colours differs by at least 15 (CIE76 ΔE) for each dichromacy."""
    import itertools

    import numpy as np

    matrix = np.eye(3) if vision == "normal" else DICHROMACY[vision]
    for (a, ca), (b, cb) in itertools.combinations(charts.ACTOR_COLOURS.items(), 2):
        distance = float(np.linalg.norm(_lab(ca, matrix) - _lab(cb, matrix)))
        assert distance >= 15, f"{a} and {b} are only ΔE {distance:.1f} apart under {vision}"


def test_chart_specs_move_out_of_the_page_into_files_named_by_content():
    from giants.sphinx.charts import move_specs

    page = chart_html({"title": "A", "usermeta": {"note": "</b>"}}, "s") + chart_html(
        {"title": "A", "usermeta": {"note": "</b>"}}, "s"
    )
    written = {}
    body = move_specs(page, lambda name, text: written.setdefault(name, text))
    assert '"title"' not in body, "the spec stayed in the page"
    assert len(written) == 1 and body.count(f'data-file="charts/{next(iter(written))}"') == 2
    text = next(iter(written.values()))
    assert text.startswith(f'giantsSpec("{next(iter(written))}",{{') and "</b>" not in text
