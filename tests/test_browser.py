"""Open every page of the built book in real headless Chromium (Debian's, driven by Playwright).

Each chart container must hold a drawn chart, the console must stay free of errors, and not
one request may leave localhost: the route handler counts (and blocks) any that try.
Every drawn chart and map is checked as a reader sees it, at phone, tablet and desktop width
(CHART_CHECKS in browser_tools: fits its column or scrolls in a marked frame, title and legend
inside the drawing, text of 11 px or more, no overlapping axis labels, marks inside the plot
area; PICTURE_CHECKS: every picture in the text, the print map's included, shows its text at
11 px or more). Each chart and map picture is photographed from the viewport to
_build/screenshots/charts/, and _build/screenshots/contact-sheet.html (scripts/contact_sheet.py)
shows them all, labelled, for a human to look at.
"""

import json
import subprocess
import sys
import zipfile
from urllib.parse import urlparse

import pytest
from browser_tools import CHART_CHECKS, PICTURE_CHECKS, serve

from giants.toc import ROOT, toc_files

sys.path.insert(0, str(ROOT / "scripts"))
from contact_sheet import write_contact_sheet

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHART_SHOTS = SCREENSHOTS / "charts"
PAGES = [p.relative_to(ROOT).with_suffix(".html").as_posix() for p in toc_files()]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "tablet": {"width": 768, "height": 1024},
    "phone": {"width": 390, "height": 844},
}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="session")
def site(built_book):
    with serve(built_book) as base_url:
        yield base_url


def visit(browser, url: str, viewport: dict, screenshot):
    """Load one page; return what left localhost, what failed, and the console errors."""
    context = browser.new_context(viewport=viewport)
    outside, failed, errors = [], [], []

    def only_local(route):
        parsed = urlparse(route.request.url)
        if parsed.scheme in ("data", "blob") or parsed.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    pending = set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.goto(url, wait_until="load")
    charts = page.locator(".giants-chart-view")
    expected, drawn = charts.count(), 0
    # Charts are drawn as they near the screen (the timeline test scrolls to one); here every
    # chart is asked to draw at once, those folded inside collapsed solutions included.
    if expected:
        page.evaluate("() => window.giantsDrawAll().then(() => true)")
    for i in range(expected):
        # svg.marks / canvas.marks is Vega's drawing; a bare svg would match the menu icon.
        # "attached", not "visible": an answer key's chart sits in a collapsed solution.
        charts.nth(i).locator("svg.marks, canvas.marks").first.wait_for(state="attached", timeout=15_000)
        drawn += 1
    # Whatever the page fetches once drawn (fonts, data) has to be fetched, or refused, by now.
    page.evaluate("() => document.fonts.ready.then(() => true)")
    for _ in range(100):
        if not pending:
            break
        page.wait_for_timeout(50)
    assert not pending, f"requests still open: {[r.url for r in pending]}"
    # Screenshots as a reader sees them: the first screen, then each chart scrolled into the
    # viewport and cut from a viewport capture. A full-page capture resizes the viewport, which
    # once let charts grow to twice their column, so the pictures showed what no reader sees.
    page.wait_for_timeout(300)
    page.screenshot(path=str(screenshot))
    shoot_charts(page, screenshot.stem.rsplit("-", 1)[0], viewport["width"])
    problems = page.evaluate(CHART_CHECKS) + page.evaluate(PICTURE_CHECKS)
    context.close()
    return {
        "charts": expected,
        "drawn": drawn,
        "outside": outside,
        "failed": failed,
        "errors": errors,
        "problems": problems,
    }


def shoot(page, element, path) -> None:
    """Save `element` as it appears on screen: scrolled to just below the theme's sticky header
    (which would otherwise cover its top), cut from a viewport capture to its column."""
    element.evaluate("c => window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 72)")
    page.wait_for_timeout(150)
    box = element.bounding_box()
    size = page.viewport_size
    top, bottom = max(box["y"], 0), min(box["y"] + box["height"], size["height"])
    if bottom - top < 10:
        return
    # The element's own column, with a margin: at desktop width the sidebars would dwarf it.
    left = max(box["x"] - 8, 0)
    clip = {
        "x": left,
        "y": top,
        "width": min(box["width"] + 16, size["width"] - left),
        "height": bottom - top,
    }
    page.screenshot(path=str(path), clip=clip)


def shoot_pictures(page, page_name: str, width: int) -> None:
    """Save each picture a reader sees in the text (the print map's, the basemap) to CHART_SHOTS,
    named by its figure's id, or its group's id and its place in the group."""
    pictures = page.locator("main article figure:has(img), article.bd-article figure:has(img)")
    seen = {}
    for i in range(pictures.count()):
        figure = pictures.nth(i)
        if not figure.locator("img").first.evaluate("i => i.getBoundingClientRect().width > 0"):
            continue  # the print edition's picture, or one for another width
        name = figure.evaluate("f => f.id || ((f.closest('[id]') || {}).id || 'picture')")
        seen[name] = seen.get(name, 0) + 1
        if not figure.evaluate("f => !!f.id"):
            name = f"{name}-{seen[name]}"
        shoot(page, figure.locator("img").first, CHART_SHOTS / f"{page_name}--{name}--{width}.png")


def shoot_charts(page, page_name: str, width: int) -> None:
    """Save each drawn chart as it appears on screen to CHART_SHOTS (names read by
    scripts/contact_sheet.py: page, chart id and viewport width), and each picture."""
    CHART_SHOTS.mkdir(parents=True, exist_ok=True)
    shoot_pictures(page, page_name, width)
    views = page.locator(".giants-chart-view")
    for i in range(views.count()):
        view = views.nth(i)
        chart_id = view.evaluate(
            "(v, i) => (v.closest('figure') || {}).id || v.closest('.giants-chart').id || 'chart-' + (i + 1)",
            i,
        )
        if not view.evaluate("v => v.clientWidth > 0 && !!v.querySelector('svg.marks')"):
            continue  # folded inside a closed solution: the reader does not see it either
        chart = view.locator("xpath=ancestor::div[contains(@class,'giants-chart')][1]")
        shoot(page, chart, CHART_SHOTS / f"{page_name}--{chart_id}--{width}.png")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_renders_offline(browser, site, page_path, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{page_path.replace('/', '_').removesuffix('.html')}-{viewport}.png"
    report = visit(browser, site + page_path, VIEWPORTS[viewport], shot)
    assert report["outside"] == [], f"{len(report['outside'])} requests left localhost: {report['outside']}"
    assert report["failed"] == [], f"failed requests: {report['failed']}"
    assert report["errors"] == [], f"console errors: {report['errors']}"
    assert report["drawn"] == report["charts"]
    where = f"{page_path} at {VIEWPORTS[viewport]['width']} px"
    (SCREENSHOTS / "checks").mkdir(exist_ok=True)
    (
        SCREENSHOTS / "checks" / f"{shot.stem.rsplit('-', 1)[0]}--{VIEWPORTS[viewport]['width']}.json"
    ).write_text(json.dumps(report["problems"], indent=1))
    write_contact_sheet(SCREENSHOTS)
    assert report["problems"] == [], f"charts on {where}: " + "; ".join(report["problems"])


#: A chart that breaks every rule CHART_CHECKS enforces: fixed 700 px wide outside any scroll
#: frame, a title longer than its unpadded drawing, 26 unthinned labels on 700 px, a point
#: drawn past the end of its scale, axis titles at 9 px.
BAD_CHART = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "width": 700,
    "height": 100,
    "autosize": {"type": "none"},
    "title": "A title far too long for a drawing that does not grow to hold it " * 3,
    "data": {"values": [{"x": chr(65 + i) * 6, "y": i} for i in range(26)] + [{"x": "A" * 6, "y": 60}]},
    "mark": {"type": "point", "clip": False},
    "config": {"axis": {"titleFontSize": 9}},
    "encoding": {
        "x": {"field": "x", "type": "nominal", "axis": {"labelAngle": 0, "labelOverlap": False}},
        "y": {"field": "y", "type": "quantitative", "scale": {"domain": [0, 25]}},
    },
}


def test_the_chart_checks_catch_each_fault(browser, site):
    """CHART_CHECKS, run on a page given one broken chart, names it for each of its faults."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site + "book/opinion-and-trade.html", wait_until="load")
    page.evaluate("() => window.giantsDrawAll().then(() => true)")  # loads vega-embed
    page.evaluate(
        """spec => {
      const chart = document.createElement('div'); chart.className = 'giants-chart'; chart.id = 'broken';
      const view = document.createElement('div'); view.className = 'giants-chart-view'; chart.appendChild(view);
      document.querySelector('main').prepend(chart);
      return vegaEmbed(view, spec, {renderer: 'svg', actions: false}).then(() => {
        const svg = view.querySelector('svg.marks');  // unscaled, as charts in the book are drawn
        Object.assign(svg.style, {flex: 'none', maxWidth: 'none', width: svg.getAttribute('width') + 'px', height: 'auto'});
      });
    }""",
        BAD_CHART,
    )
    problems = [p for p in page.evaluate(CHART_CHECKS) if p.startswith("broken:")]
    context.close()
    for fault in (
        "not in a scroll frame",
        "runs outside the drawing",
        "below 11 px",
        "overlap",
        "outside its plot area",
    ):
        assert any(fault in p for p in problems), f"no {fault!r} among {problems}"


def test_timeline_zooms_from_two_millennia_to_a_few_years(browser, site):
    """Dragging across the overview strip narrows the detail view; screenshots of both states."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(site + "book/two-thousand-years.html", wait_until="networkidle")
    chart = page.locator(".giants-chart-view").first
    chart.scroll_into_view_if_needed()  # charts are drawn when they reach the screen
    chart.locator("svg.marks").wait_for(timeout=15_000)

    def detail_labels():
        return chart.locator("g.concat_0_group g.role-axis-label text").all_text_contents()

    before = detail_labels()
    chart.screenshot(path=str(SCREENSHOTS / "timeline-full.png"))
    strip = chart.locator("g.concat_1_group path.background").first.bounding_box()
    y = strip["y"] + strip["height"] / 2
    page.mouse.move(strip["x"] + strip["width"] * 0.955, y)
    page.mouse.down()
    page.mouse.move(strip["x"] + strip["width"] * 0.995, y, steps=8)
    page.mouse.up()
    page.wait_for_timeout(400)
    after = detail_labels()
    chart.screenshot(path=str(SCREENSHOTS / "timeline-zoomed.png"))
    context.close()
    assert "100 BC" in before or "0" in before, before
    assert after != before and all(int(label) > 1900 for label in after if label.isdigit()), after


def test_the_offline_bundle_opens_from_disk_with_charts_drawn(browser, built_book, tmp_path):
    """make bundle's zip, unzipped and opened as files: charts draw and nothing is fetched."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "bundle.py")], check=True, cwd=ROOT)
    bundle = ROOT / "_build" / "vietnam-between-the-giants.zip"
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        assert "vietnam-between-the-giants/data/datapackage.json" in names
        assert "vietnam-between-the-giants/notebooks/book/the-sea.ipynb" in names
        zf.extractall(tmp_path)
    page_url = (tmp_path / "vietnam-between-the-giants" / "book" / "opinion-and-trade.html").as_uri()
    outside = []
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:"))
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.goto(page_url, wait_until="load")
    page.evaluate("() => window.giantsDrawAll().then(() => true)")
    page.wait_for_selector(".giants-chart-view svg.marks", timeout=15000)
    page.wait_for_timeout(1000)
    charts, drawn = (
        page.locator(".giants-chart-view").count(),
        page.locator(".giants-chart-view svg.marks").count(),
    )
    context.close()
    assert charts >= 4 and drawn == charts, f"{drawn} of {charts} charts drawn from disk"
    assert outside == [], f"the offline bundle tried the network: {outside}"


def open_with_all_charts_drawn(browser, url: str):
    """A desktop page with every chart drawn, not only those near the screen."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => window.giantsDrawAll().then(() => true)")
    return context, page


def test_every_chart_offers_its_data_as_csv_and_a_citation(browser, site):
    """The CSV link holds the rows the chart draws (a header and at least one row per datum)."""
    context, page = open_with_all_charts_drawn(browser, site + "book/opinion-and-trade.html")
    links = page.locator(".giants-chart .chart-csv")
    assert links.count() == page.locator(".giants-chart").count() >= 4
    for i in range(links.count()):
        csv = page.evaluate("href => fetch(href).then(r => r.text())", links.nth(i).get_attribute("href"))
        header, *rows = csv.strip().split("\n")
        assert len(header.split(",")) >= 2 and len(rows) >= 4, csv[:200]
    trade = page.evaluate(
        "href => fetch(href).then(r => r.text())", page.locator("#fig-trade .chart-csv").get_attribute("href")
    )
    assert "usd_bn" in trade.split("\n")[0] and ",186," in trade  # 2025 imports from China
    cite = page.locator("#fig-trade .chart-cite").inner_text()
    assert (
        "Vietnam buys from China and sells to the United States" in cite and "opinion-and-trade.html" in cite
    )
    context.close()


def test_every_chart_has_its_data_as_a_table_on_request(browser, site):
    context, page = open_with_all_charts_drawn(browser, site + "book/opinion-and-trade.html")
    table = page.locator("#fig-trade details.chart-table")
    table.locator("summary").click()
    assert {"year", "usd_bn", "partner"} <= set(table.locator("th").all_inner_texts())
    assert table.locator("tbody tr").count() >= 40
    context.close()


def test_search_finds_pages_without_errors(browser, site):
    """Page scripts are deferred (giants.sphinx.assets); the search page must still work."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + "search.html?q=Spratly", wait_until="networkidle")
    page.locator("#search-results li").first.wait_for(timeout=15_000)
    assert page.locator("#search-results li").count() >= 3
    assert errors == [], f"console errors on the search page: {errors}"
    context.close()


#: For one feature of the interactive map (its English name), as drawn: whether its dot lies in
#: the plot area, the distance from its centre to the nearest other dot in the plot area, and
#: whether a tap at its centre lands on it (not on a neighbour or an incident drawn over it).
TAP_CHECK = r"""(figure, name) => {
  const drawing = figure.querySelector('svg.marks');
  const dots = Array.from(drawing.querySelectorAll('g.mark-symbol path'))
    .filter(p => /English: /.test(p.getAttribute('aria-label') || ''));
  const centre = p => { const b = p.getBoundingClientRect(); return [(b.left + b.right) / 2, (b.top + b.bottom) / 2]; };
  let area;  // the plot area, measured once the dot is scrolled into view
  const inside = ([x, y]) => x >= area.left && x <= area.right && y >= area.top && y <= area.bottom;
  const own = dots.find(p => p.getAttribute('aria-label').includes(`English: ${name};`) ||
                             p.getAttribute('aria-label').endsWith(`English: ${name}`));
  if (!own) return { found: false, labels: dots.slice(0, 2).map(p => p.getAttribute('aria-label')) };
  own.scrollIntoView({ block: 'center' });  // elementFromPoint sees only the viewport
  area = drawing.querySelector('path.background').getBoundingClientRect();
  const [x, y] = centre(own);
  const others = dots.filter(p => p !== own).map(centre).filter(inside);
  const nearest = Math.min(...others.map(([u, v]) => Math.hypot(u - x, v - y)));
  const hit = document.elementFromPoint(x, y);
  return { found: true, inside: inside([x, y]), nearest, tapped: hit === own, at: [Math.round(x), Math.round(y)],
           area: [area.left, area.top, area.right, area.bottom].map(Math.round) };
}"""


def test_every_spratly_feature_can_be_tapped_on_a_phone(browser, site):
    """At 390 px each Spratly feature, chosen under "Show" with "Zoom" at its end, lies inside the
    map, at least 24 px (WCAG 2.5.8's target spacing) from every other dot, and a tap on it hits it."""
    from giants import maps

    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site + "book/the-sea.html", wait_until="load")
    page.evaluate("() => window.giantsDrawAll().then(() => true)")
    figure = page.locator("#fig-sea-interactive")
    figure.locator("svg.marks").wait_for(timeout=15_000)
    show, zoom = figure.locator(".vega-bindings select"), figure.locator(".vega-bindings input[type=range]")
    assert zoom.get_attribute("max") == str(maps.MAX_ZOOM)
    zoom.evaluate("r => { r.value = r.max; r.dispatchEvent(new Event('input', {bubbles: true})); }")
    features = maps.features()
    faults = []
    for name in features.loc[features["group"] == "Spratly Islands", "name_en"]:
        show.select_option(name)
        page.wait_for_timeout(400)  # Vega redraws after the input event, asynchronously
        seen = figure.evaluate(TAP_CHECK, name)
        assert seen["found"], f"no dot named {name!r} among {seen['labels']}"
        if not (seen["inside"] and seen["nearest"] >= 24 and seen["tapped"]):
            faults.append(f"{name}: {seen}")
    figure.screenshot(path=str(SCREENSHOTS / "sea-map-zoomed-phone.png"))
    context.close()
    assert faults == [], faults


def test_a_folded_solution_is_out_of_the_layout_until_opened_and_its_wide_code_then_scrolls(browser, site):
    """giants.css takes folded solutions out of the layout (display: none), so the theme's
    load-time check finds no wide code in them; giants.sphinx.assets.TAB_STOPS gives wide code
    its keyboard tab stop once the reader opens the solution."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + "book/the-sea.html", wait_until="load")
    folded = page.locator(".solution.dropdown.toggle-hidden").filter(has=page.locator("pre")).first
    solution = page.locator(f"[id='{folded.get_attribute('id')}']")  # stays put once unfolded
    code = solution.locator("pre").first
    assert code.evaluate("e => e.getClientRects().length") == 0, "a folded solution is still laid out"
    solution.locator("button.toggle-button").first.click()
    page.wait_for_timeout(300)
    assert code.evaluate("e => e.getClientRects().length && e.scrollWidth > e.clientWidth"), (
        "the opened solution's code should show, wider than a phone"
    )
    assert code.evaluate("e => e.tabIndex") == 0, "wide code in an opened solution has no tab stop"
    assert errors == []
    context.close()
