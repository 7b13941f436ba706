"""One look for every chart in the book: palette, theme, and the source line.

    from giants import charts
    charts.use_book_theme()
    chart = charts.finish(alt.Chart(df).mark_bar()..., source="ISEAS 2022", alt_text="Bars showing …")

Chapters never set colours or fonts themselves: colours come from `ACTOR_COLOURS` through
`actor_scale()`, everything else from the theme.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

import altair as alt

if TYPE_CHECKING:
    import pandas as pd

#: One fixed colour per actor, from the Okabe–Ito palette, which stays distinguishable
#: under the common forms of colour blindness (Okabe & Ito 2008). China and Vietnam, the
#: pair every chart contrasts, get the two hues furthest apart for red–green deficiency.
ACTOR_COLOURS = {
    "China": "#D55E00",  # vermilion
    "Vietnam": "#009E73",  # bluish green
    "United States": "#0072B2",  # blue
    "Philippines": "#CC79A7",  # reddish purple
    "Malaysia": "#E69F00",  # orange
    "Taiwan": "#56B4E9",  # sky blue
    "Brunei": "#F0E442",  # yellow
    "ASEAN": "#000000",  # black
}
#: For everything that is no actor of the story (other countries, unclaimed features).
NEUTRAL = "#BBBBBB"
#: Event categories take colours from Paul Tol's colour-blind-safe "muted" scheme (Tol 2021),
#: chosen to stay clear of the actor colours above.
CATEGORY_COLOURS = {
    "war": "#882255",  # wine
    "diplomacy": "#332288",  # indigo
    "economy": "#DDCC77",  # sand
    "sea": "#44AA99",  # teal
    "domestic": "#999933",  # olive
}
#: Series that are neither actors nor event categories (scenarios, model runs), in order.
SERIES_COLOURS = ["#CC6677", "#117733", "#88CCEE", "#AA4499", "#44AA99"]
OTHER = "Other"
#: Disputed features on maps: dark, so specks of land stay visible against any fill.
DISPUTED = "#222222"
LAND = "#E8E4DA"
SEA = "#F4F8FB"

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"


def colour_of(name: str) -> str:
    """The book colour of an actor; neutral grey for anyone else."""
    return ACTOR_COLOURS.get(name, NEUTRAL)


def category_scale() -> alt.Scale:
    """The fixed colour scale for event categories."""
    return alt.Scale(domain=list(CATEGORY_COLOURS), range=list(CATEGORY_COLOURS.values()))


def series_scale(names) -> alt.Scale:
    """Colours for up to five series that are not actors, in the order given."""
    names = list(dict.fromkeys(names))
    if len(names) > len(SERIES_COLOURS):
        raise ValueError(f"at most {len(SERIES_COLOURS)} series; got {len(names)}")
    return alt.Scale(domain=names, range=SERIES_COLOURS[: len(names)])


def actor_scale(actors) -> alt.Scale:
    """A colour scale giving each actor in `actors` its book colour, in the book's order.

    "Other" may stand for everyone else; it is drawn in neutral grey and listed last.
    """
    present = set(actors)
    unknown = sorted(present - set(ACTOR_COLOURS) - {OTHER})
    if unknown:
        raise KeyError(f"no book colour for {unknown}; known actors: {list(ACTOR_COLOURS)}")
    domain = [a for a in ACTOR_COLOURS if a in present] + ([OTHER] if OTHER in present else [])
    return alt.Scale(domain=domain, range=[colour_of(a) for a in domain])


@alt.theme.register("giants", enable=False)
def book_theme() -> alt.theme.ThemeConfig:
    """Type, sizes and palette shared by every chart in the book."""
    axis = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
        "labelColor": "#333333",
        "titleColor": "#333333",
        "gridColor": "#E5E5E5",
        "domainColor": "#888888",
        "tickColor": "#888888",
        # Where Vega thins labels that would overlap, it tests the glyphs' boxes with no gap;
        # years turned on their side at phone width then touched. 4 px between labels, at least.
        "labelSeparation": 4,
    }
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"continuousWidth": 560, "continuousHeight": 320, "stroke": None},
            "title": {
                "font": FONT,
                "fontSize": 16,
                "fontWeight": 600,
                "anchor": "start",
                "subtitleFont": FONT,
                "subtitleFontSize": 13,
                "subtitleColor": "#444444",
                "offset": 12,
            },
            "axis": axis,
            # Years on a band axis (bar charts by year) overprint each other on a phone; Vega
            # drops every other label until none overlap, as it already does on other axes.
            "axisBand": {"labelOverlap": "parity"},
            # The same for years on a point scale (lines over year:O).
            "axisPoint": {"labelOverlap": "parity"},
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "top",
                "direction": "horizontal",
            },
            "header": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12},
            "range": {"category": list(ACTOR_COLOURS.values())},
            "text": {"font": FONT, "fontSize": 12},
            "geoshape": {"stroke": "white", "strokeWidth": 0.5},
        }
    }


#: Width in pixels of a chart that follows the page column in the book. A notebook draws it at
#: this width: Vega-Lite's "container" width renders nothing in JupyterLab (and re-renders in a
#: loop that can freeze the tab), so the spec keeps a number and the book's build
#: (giants.sphinx.charts.column_width) turns it into "container" where `usermeta` says so.
COLUMN_WIDTH = 560


def is_map(spec: dict) -> bool:
    """Whether a Vega-Lite spec (or one of its layers) draws with a map projection."""
    return "projection" in spec or any("projection" in layer for layer in spec.get("layer", []))


#: Characters per line of a chart's title or subtitle: Vega never wraps text itself, and a
#: long line would widen the drawing past the page column.
TITLE_LINE = 70


def _wrapped_title(title):
    """The chart's title with its text and subtitle broken into lines, or None if untitled."""
    if title is alt.Undefined:
        return None
    if isinstance(title, str):
        return alt.Title(textwrap.wrap(title, TITLE_LINE))
    spec = title.to_dict()
    for key in ("text", "subtitle"):
        if isinstance(spec.get(key), str):
            spec[key] = textwrap.wrap(spec[key], TITLE_LINE + (10 if key == "subtitle" else 0))
    return alt.Title(**spec)


def use_book_theme() -> None:
    """Enable the book theme and the renderer the book's build understands.

    The 'mimetype' renderer emits the standard Vega-Lite output, which JupyterLab and
    VS Code draw offline, and which the book's build turns into a page that draws it from
    vendored scripts (giants.sphinx.charts). Altair's default renderer would fetch its scripts
    from a CDN.
    """
    alt.theme.enable("giants")
    alt.renderers.enable("mimetype")


def finish(chart: alt.TopLevelMixin, *, source: str, alt_text: str) -> alt.TopLevelMixin:
    """The last call on every chart: its source line, its alt text and page-width sizing.

    `source` is printed under the chart in the book ("Source: …"); `alt_text` says what the
    chart shows and its takeaway, for screen readers. Single and layered charts stretch to
    the width of the page column in the book, and are COLUMN_WIDTH wide in a notebook (where
    a "container" width draws nothing). Maps do too: their projection's scale is an expression
    of the `width` and `height` signals (maps.view_expressions), so the map is drawn anew at the
    column's width, never scaled by the stylesheet (which would shrink its text below a
    phone's legible size); the page script keeps a map's height in proportion. A chart of dated data must say in its source line the year its data run
    to (`check_source_states_end`), so a reader can tell how current it is.
    """
    if not source.strip():
        raise ValueError("every chart needs a source line")
    if not alt_text.strip():
        raise ValueError("every chart needs alt text that says what it shows")
    spec = chart.to_dict(validate=False)
    check_source_states_end(spec, source)
    props = {"description": alt_text, "usermeta": {"giants": {"source": source}}}
    title = _wrapped_title(chart.title)
    if title is not None:
        props["title"] = title
    if isinstance(chart, (alt.Chart, alt.LayerChart)) and chart.width is alt.Undefined:
        props["width"] = COLUMN_WIDTH
        props["usermeta"]["giants"]["width"] = "container"
    return chart.properties(**props)


#: Columns that date a chart's rows, named as in data/: an event's year (and the year a span
#: ends), a survey edition, the day an investment total was counted, the month of an estimate.
#: Start-type dates (occupied_since, period_start) are left out: the end is what a reader needs.
DATE_FIELDS = ("year", "end_year", "edition", "period_end", "as_of")


def _rows(node):
    """Every inline data row of a Vega-Lite spec, in layers and concatenations too."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasets":
                for rows in value.values():
                    yield from rows
            elif key == "values" and isinstance(value, list) and all(isinstance(v, dict) for v in value):
                yield from value
            else:
                yield from _rows(value)
    elif isinstance(node, list):
        for item in node:
            yield from _rows(item)


def _year(value) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    match = re.match(r"(-?\d{1,4})(?:-\d{2}){0,2}(?:T|$)", str(value))
    return int(match.group(1)) if match else None


def data_end(spec: dict) -> int | None:
    """The newest year in a chart's own data (its DATE_FIELDS), or None if nothing in it is dated."""
    years = [_year(row.get(field)) for row in _rows(spec) for field in DATE_FIELDS]
    years = [year for year in years if year is not None]
    return max(years) if years else None


def year_words(year: int) -> str:
    """A year as the book writes it: '2025', '111 BC'."""
    return f"{-year} BC" if year < 0 else str(year)


def check_source_states_end(spec: dict, source: str) -> None:
    """Refuse a chart of dated data whose source line does not say the year its data run to.

    A reader of a printed page or a screenshot has only the source line to tell how current a
    chart is; a chart drawn from data that later gain a year must say so, or fail here.
    """
    end = data_end(spec)
    if end is None:
        return
    if not re.search(rf"(?<!\d){re.escape(year_words(end))}(?!\d)", source):
        raise ValueError(
            f"the source line must state the year the chart's data run to ({year_words(end)}); "
            f"it reads: {source!r}"
        )


#: How directly a survey figure was read (the `provenance` column of the survey tables), and the
#: legend label each gets. Secondary and unconfirmed figures are drawn hollow, so a reader can
#: tell at a glance which points rest on an aggregator, a think tank's summary or one lost copy.
PROVENANCE_LABELS = {
    "news": "a news report of the release",
    "secondary": "a secondary source only",
    "unconfirmed": "one copy, not found again",
}
#: A ring: an outer circle and an inner one drawn the other way round, so the inside stays empty.
#: Used as a point shape it draws a hollow marker in the series colour, legend included.
RING = "M-1,0A1,1,0,1,1,1,0A1,1,0,1,1,-1,0ZM-0.6,0A0.6,0.6,0,1,0,0.6,0A0.6,0.6,0,1,0,-0.6,0Z"


def _provenance_labels() -> str:
    return (
        " : ".join(f"datum.value === '{k}' ? '{v}'" for k, v in PROVENANCE_LABELS.items()) + " : datum.value"
    )


def provenance_shape(field: str = "provenance", *, title: str | None = "Figure read in") -> alt.Shape:
    """A shape encoding for points (use `mark_point(filled=True)`): news-sourced figures filled
    circles, secondary and unconfirmed ones hollow rings, with a legend naming each kind."""
    kinds = list(PROVENANCE_LABELS)
    return alt.Shape(
        f"{field}:N",
        title=title,
        scale=alt.Scale(domain=kinds, range=["circle", RING, RING]),
        legend=alt.Legend(
            labelExpr=_provenance_labels(),
            orient="bottom",
            direction="vertical",
            symbolFillColor="#333333",
            labelLimit=0,
        ),
    )


def provenance_fill(field: str = "provenance") -> alt.FillOpacity:
    """A fill-opacity encoding for bars (give the bar a stroke): news-sourced figures filled,
    secondary and unconfirmed ones hollow. Vega-Lite draws no legend for fill opacity, so the
    chart's subtitle or caption must say what a hollow bar means."""
    # An explicit ordinal scale: a nominal opacity scale would otherwise interpolate the range.
    return alt.FillOpacity(
        f"{field}:N",
        legend=None,
        scale=alt.Scale(type="ordinal", domain=list(PROVENANCE_LABELS), range=[1, 0, 0]),
    )


#: Vietnam's partnership ladder, lowest rung first (the order of the `level` column's values in
#: data/partnerships.csv).
LADDER = ["comprehensive", "strategic", "comprehensive strategic"]


def ladder_by_year(partnerships, years) -> pd.DataFrame:
    """How many countries stood on each rung at the end of each year: one row per year and rung.

    A country counts once, on the highest rung it had reached by 31 December; a date known only
    to the year or month counts from that year. Columns: year, level, partners.
    """
    import pandas as pd

    table = partnerships.assign(
        rank=partnerships["level"].map(LADDER.index), since=partnerships["date"].str[:4].astype(int)
    )
    rows = []
    for year in years:
        reached = table[table["since"] <= year]
        top = reached.groupby("country")["rank"].max()
        for rank, level in enumerate(LADDER):
            rows.append({"year": int(year), "level": level, "partners": int((top == rank).sum())})
    return pd.DataFrame(rows)


def ladder_chart(
    counts, marks, *, levels=None, title: str, subtitle: str, source: str, alt_text: str
) -> alt.LayerChart:
    """A step chart of partners per rung by year (`counts` from `ladder_by_year`), with a dot and
    a label for each country in `marks` (rows with year, level, partners, label) where it climbed."""
    levels = levels or LADDER[::-1]
    counts = counts[counts["level"].isin(levels)]
    colour = alt.Color("level:N", title="Rung", scale=series_scale(levels), sort=levels)
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=5))
    y = alt.Y("partners:Q", title="Countries on the rung")
    steps = (
        alt.Chart(counts)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(x=x, y=y, color=colour, tooltip=["year:Q", "level:N", "partners:Q"])
    )
    dots = alt.Chart(marks).mark_point(filled=True, size=60).encode(x=x, y=y, color=colour)
    labels = alt.Chart(marks).mark_text(align="right", dx=-6, dy=-8).encode(x=x, y=y, text="label:N")
    chart = alt.layer(steps, dots, labels).properties(title=alt.Title(title, subtitle=subtitle), height=300)
    return finish(chart, source=source, alt_text=alt_text)


def share_bars(shares, *, title: str, subtitle: str, source: str, alt_text: str) -> alt.Chart:
    """Horizontal bars of suppliers' shares (per cent) by period, one colour per supplier, hollow
    where the figure rests on a digest of reports (`provenance` secondary) rather than a news report.

    `shares` has columns period, supplier, share_pct, provenance and period_end (for the source line).
    """
    suppliers = list(dict.fromkeys(shares["supplier"]))
    chart = (
        alt.Chart(shares)
        .mark_bar(stroke="#333333", strokeWidth=1)
        .encode(
            y=alt.Y("period:N", title=None, sort=list(dict.fromkeys(shares["period"]))),
            x=alt.X(
                "share_pct:Q", title="Share of Vietnam's arms imports (%)", scale=alt.Scale(domain=[0, 100])
            ),
            yOffset=alt.YOffset("supplier:N", sort=suppliers),
            color=alt.Color("supplier:N", title="Supplier", scale=series_scale(suppliers), sort=suppliers),
            fillOpacity=alt.FillOpacity(
                "provenance:N",
                legend=None,
                scale=alt.Scale(type="ordinal", domain=["news", "secondary"], range=[1, 0.15]),
            ),
            tooltip=["period:N", "supplier:N", "share_pct:Q", "provenance:N"],
        )
        .properties(title=alt.Title(title, subtitle=subtitle), height=alt.Step(16))
    )
    return finish(chart, source=source, alt_text=alt_text)
