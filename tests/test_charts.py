"""The chart theme, the source-line helper, and the vendored scripts charts are drawn with."""

import hashlib
import json

import altair as alt
import pandas as pd
import pytest
import vl_convert

from giants import charts
from giants.sphinxext import chart_html
from giants.toc import ROOT

VENDOR = ROOT / "book" / "_static" / "vendor"


@pytest.fixture
def sample():
    charts.use_book_theme()
    frame = pd.DataFrame({"country": ["China", "Vietnam", "United States"], "value": [3, 5, 4]})
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("country:N", title=None),
        y=alt.Y("value:Q", title="Value (units)"),
        color=alt.Color("country:N", scale=charts.actor_scale(frame.country), legend=None),
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
    assert spec["width"] == "container"


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
        licence = VENDOR / ("mathjax/LICENSE.txt" if name == "mathjax" else f"{name}.LICENSE.txt")
        assert licence.stat().st_size > 500, f"{name} is vendored without its licence"
