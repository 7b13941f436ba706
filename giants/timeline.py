"""The book's timeline: events and eras from data/, drawn one way in every chapter.

    from giants import timeline
    events, eras = timeline.events(), timeline.eras()
    timeline.chart(events, eras, start=1949, end=1991, title=..., subtitle=...)

Dates run on a plain number line of years, negative for BC (-111 is 111 BC), so one axis
spans from the Han conquest to 2026. `chart()` is interactive: drag across the overview
strip to zoom the detail view down to a single year, click a category in the legend to pick
it out, hover a mark for its date, description and sources. `print_chart()` draws the same
events as one strip per period, with no interaction, for paper.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from giants import charts, data

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: Vega expression that writes -111 as "111 BC" on an axis.
YEAR_LABEL = "datum.value < 0 ? format(-datum.value, 'd') + ' BC' : format(datum.value, 'd')"
WIDTH = 540  # plot width; with the category labels it fits the book's column unscaled


def _position(year, month, day) -> float:
    """A date as a decimal year; a missing month or day counts as the start of the period."""
    month = 1 if pd.isna(month) else int(month)
    day = 1 if pd.isna(day) else int(day)
    return int(year) + (month - 1) / 12 + (day - 1) / 365.25


def _label(year, month, day, with_year: bool = True) -> str:
    year = int(year)
    text = (f"{-year} BC" if year < 0 else str(year)) if with_year else ""
    if pd.notna(month):
        text = f"{MONTHS[int(month) - 1]} {text}"
        if pd.notna(day):
            text = f"{int(day)} {text}"
    return text.strip()


def date_label(row) -> str:
    """'17 Feb 1979', 'Feb 1979', '111 BC', or a range: '1407 – 1427', '17 Feb – 16 Mar 1979'."""
    if pd.isna(row.get("end_year")):
        return _label(row["year"], row["month"], row["day"])
    same_year = int(row["end_year"]) == int(row["year"]) and pd.notna(row["month"])
    start = _label(row["year"], row["month"], row["day"], with_year=not same_year)
    return f"{start} – {_label(row['end_year'], row['end_month'], row['end_day'])}"


def events() -> pd.DataFrame:
    """data/events.csv with its position on the year line, a readable date and its era."""
    table = data.load("events")
    table["when"] = [_position(y, m, d) for y, m, d in zip(table["year"], table["month"], table["day"])]
    table["end_when"] = [
        None if pd.isna(y) else _position(y, m, d)
        for y, m, d in zip(table["end_year"], table["end_month"], table["end_day"])
    ]
    table["end_when"] = table["end_when"].astype("float64")
    table["date"] = table.apply(date_label, axis=1)
    era_table = eras()
    table["era"] = [era_of(when, era_table) for when in table["when"]]
    return table


def eras() -> pd.DataFrame:
    """data/eras.csv: the shaded periods of the timeline."""
    return data.load("eras")


def era_of(when: float, era_table: pd.DataFrame) -> str:
    """The name of the era a decimal year falls in (eras are half-open: [start, end))."""
    for era in era_table.itertuples():
        if era.start <= when < era.end:
            return era.name
    raise ValueError(f"year {when:.2f} falls in no era of data/eras.csv")


def _window(events_, eras_, start, end):
    lo = events_["when"].min() if start is None else start
    hi = max(events_["when"].max(), events_["end_when"].max(skipna=True)) if end is None else end
    pad = max((hi - lo) * 0.01, 0.5)
    lo, hi = lo - pad, hi + pad
    shown = events_[(events_["when"] <= hi) & (events_["end_when"].fillna(events_["when"]) >= lo)]
    bands = eras_[(eras_["end"] > lo) & (eras_["start"] < hi)].copy()
    bands["from"] = bands["start"].clip(lower=lo)
    bands["to"] = bands["end"].clip(upper=hi)
    bands["middle"] = (bands["from"] + bands["to"]) / 2
    bands["shade"] = [i % 2 for i in range(len(bands))]
    # Name a band only where the name fits at the full width; the band's tooltip always has it.
    room = (bands["to"] - bands["from"]) / (hi - lo) * WIDTH
    bands["label"] = bands["name"].where(room > 6.5 * bands["name"].str.len(), "")
    return shown, bands, [lo, hi]


def _layers(
    shown, bands, scale: alt.Scale, axis: alt.Axis, with_labels: bool, pick=None, legend=True, row_labels=True
):
    """Era bands, period bars and event dots on one x encoding; `row_labels` False leaves the
    categories unnamed (the overview strip, 12 px a row, too low for its labels not to touch:
    its rows are those of the detail view just above, in the same order and colours)."""
    band = (
        alt.Chart(bands)
        .mark_rect(clip=True)
        .encode(
            x=alt.X("from:Q", scale=scale, axis=axis, title=None),
            x2="to:Q",
            color=alt.Color(
                "shade:N", scale=alt.Scale(domain=[0, 1], range=["#F3F3F3", "#E4E4E4"]), legend=None
            ),
            tooltip=[alt.Tooltip("name:N", title="Era")],
        )
    )
    y = alt.Y(
        "category:N",
        scale=alt.Scale(domain=list(charts.CATEGORY_COLOURS)),
        title=None,
        axis=alt.Axis(labelFontSize=11, ticks=False, domain=False, labels=row_labels),
    )
    colour = alt.Color(
        "category:N", scale=charts.category_scale(), title="Category", legend=alt.Legend() if legend else None
    )
    opacity = alt.condition(pick, alt.value(0.95), alt.value(0.12)) if pick is not None else alt.value(0.95)
    tooltip = [
        alt.Tooltip("date:N", title="Date"),
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("description:N", title="What happened"),
        alt.Tooltip("actors:N", title="Actors"),
        alt.Tooltip("certainty:N", title="Certainty"),
        alt.Tooltip("sources:N", title="Sources"),
    ]
    spans = (
        alt.Chart(shown[shown["end_when"].notna()])
        .mark_bar(height=5, clip=True)
        .encode(
            x=alt.X("when:Q", scale=scale),
            x2="end_when:Q",
            y=y,
            opacity=opacity,
            tooltip=tooltip,
            color=alt.Color("category:N", scale=charts.category_scale(), legend=None),
        )
    )
    dots = (
        alt.Chart(shown)
        .mark_circle(size=80, stroke="#333333", strokeWidth=0.6, clip=True)
        .encode(x=alt.X("when:Q", scale=scale), y=y, color=colour, opacity=opacity, tooltip=tooltip)
    )
    parts = [band, spans, dots]
    if with_labels:
        parts.insert(
            1,
            alt.Chart(bands)
            .mark_text(baseline="top", fontSize=11, color="#555555", clip=True)
            .encode(x=alt.X("middle:Q", scale=scale), y=alt.value(3), text="label:N"),
        )
    return parts


def chart(
    events_: pd.DataFrame,
    eras_: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    alt_text: str,
    start: float | None = None,
    end: float | None = None,
):
    """Overview strip (drag to zoom) over a detail view, eras shaded, categories selectable."""
    shown, bands, domain = _window(events_, eras_, start, end)
    brush = alt.selection_interval(encodings=["x"], name="zoom")
    pick = alt.selection_point(fields=["category"], bind="legend", name="category")
    whole = alt.Scale(domain=domain, nice=False, zero=False)
    zoomed = alt.Scale(domain={"param": "zoom", "encoding": "x"}, nice=False, zero=False)
    detail = (
        alt.layer(
            *_layers(
                shown,
                bands,
                zoomed,
                alt.Axis(labelExpr=YEAR_LABEL, title="Year", grid=False),
                with_labels=True,
                pick=pick,
            )
        )
        .resolve_scale(color="independent")
        .properties(width=WIDTH, height=230)
    )
    strip = (
        alt.layer(
            *_layers(
                shown,
                bands,
                whole,
                alt.Axis(labelExpr=YEAR_LABEL, title=None, grid=False, tickCount=8, labelOverlap=True),
                with_labels=False,
                legend=False,
                row_labels=False,
            )
        )
        .resolve_scale(color="independent")
        .properties(
            width=WIDTH,
            height=60,
            title=alt.Title(
                "Whole period: drag to zoom the view above, double-click to reset",
                fontSize=11,
                fontWeight="normal",
                orient="bottom",
            ),
        )
    )
    strip = strip.add_params(brush)
    combined = alt.vconcat(detail.add_params(pick), strip, spacing=8).properties(
        title=alt.Title(title, subtitle=subtitle)
    )
    return charts.finish(combined, source=source, alt_text=alt_text)


def print_chart(
    events_: pd.DataFrame,
    eras_: pd.DataFrame,
    periods: list[tuple[float, float, str]],
    *,
    title: str,
    subtitle: str,
    source: str,
    alt_text: str,
):
    """One static strip per (start, end, label) period, each on its own scale, for print."""
    rows = []
    for i, (start, end, label) in enumerate(periods):
        shown, bands, domain = _window(events_, eras_, start, end)
        scale = alt.Scale(domain=domain, nice=False, zero=False)
        axis = alt.Axis(labelExpr=YEAR_LABEL, title=None, grid=False, tickCount=8)
        rows.append(
            alt.layer(*_layers(shown, bands, scale, axis, with_labels=True, legend=i == 0))
            .resolve_scale(color="independent")
            .properties(width=WIDTH, height=150, title=alt.Title(label, fontSize=12, anchor="start"))
        )
    combined = alt.vconcat(*rows, spacing=28).properties(title=alt.Title(title, subtitle=subtitle))
    return charts.finish(combined, source=source, alt_text=alt_text)


def span(
    events_: pd.DataFrame, eras_: pd.DataFrame, start: float | None = None, end: float | None = None
) -> str:
    """The years of the events a chart with this window shows: '1949 to 1991', '111 BC to 2023'.

    Chapters put it in a chart's source line (and title), which must state the year the
    chart's data run to (charts.finish checks), so it follows the data when events are added.
    """
    shown = _window(events_, eras_, start, end)[0]
    last = max(
        shown["year"].max(),
        shown["end_year"].max(skipna=True) if shown["end_year"].notna().any() else -(10**6),
    )
    return f"{charts.year_words(int(shown['year'].min()))} to {charts.year_words(int(last))}"
