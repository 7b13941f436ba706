"""Serve the built book on localhost and start Chromium: shared by tests and bench."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Flags for root in a container with no network: no sandbox, and none of Chromium's own
# background traffic (updates, sync, safe browsing), which would be refused anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 at a free port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def chromium_executable() -> str | None:
    """The Chromium the tests drive: GIANTS_CHROMIUM, else Debian's on the PATH, else None
    (then Playwright's own build, where `playwright install chromium` put one)."""
    return os.environ.get("GIANTS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright):
    """Chromium, headless, through Playwright (which never downloads a browser by itself)."""
    executable = chromium_executable()
    if executable is None and not Path(playwright.chromium.executable_path).exists():
        raise RuntimeError(
            "no Chromium: install Debian's chromium or run `python -m playwright install chromium` "
            "(scripts/install_browser.sh does one or the other)"
        )
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


#: What a reader sees of each drawn chart, measured in the page (a JS function of no argument).
#: Returns one problem string per fault, each naming the chart: a drawing wider than its frame
#: unless the frame is marked as one that scrolls (and shows its cue); a title, legend or text
#: label running outside the drawing; text smaller than 11 px; two labels of one axis
#: overlapping; a data mark outside its plot area. Charts folded inside a closed solution have
#: no size and are skipped.
CHART_CHECKS = r"""() => {
  const problems = [];
  const box = el => el.getBoundingClientRect();
  const shown = el => { for (let e = el; e && e.tagName !== 'svg'; e = e.parentElement) {
      if (e.getAttribute('opacity') === '0' || e.style.opacity === '0' || e.style.display === 'none') return false; }
    const b = box(el); return b.width > 0 && b.height > 0; };
  const TOL = 1.5;
  const inside = (a, b, tol) => a.left >= b.left - tol && a.right <= b.right + tol && a.top >= b.top - tol && a.bottom <= b.bottom + tol;
  document.querySelectorAll('.giants-chart-view').forEach((view, index) => {
    const drawing = view.querySelector('svg.marks');
    if (!drawing || view.clientWidth === 0) return;
    const chart = view.closest('.giants-chart');
    const id = (view.closest('figure') || {}).id || chart.id || view.id || `chart ${index + 1}`;
    const say = text => problems.push(`${id}: ${text}`);
    const d = box(drawing);
    const frame = view.clientWidth;
    if (Math.round(d.width) > frame + 1) {
      if (!chart.classList.contains('giants-chart--scrolls')) say(`drawing ${Math.round(d.width)} px wide in a ${frame} px column, not in a scroll frame`);
      else if (getComputedStyle(chart, '::before').content === 'none') say('scroll frame shows no cue');
    }
    // Text a reader can read: at least 11 px as drawn, after any scaling of the drawing by CSS.
    // Maps included: they are drawn at their column's width, not shrunk to it.
    const scale = d.width / (parseFloat(drawing.getAttribute('width')) || d.width);
    const sizes = Array.from(drawing.querySelectorAll('text')).filter(shown)
      .map(t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * scale);
    const smallest = Math.min(...sizes);
    if (smallest < 10.95) say(`text drawn at ${smallest.toFixed(1)} px, below 11 px`);
    drawing.querySelectorAll('.role-title text, .role-legend text, g.role-mark.mark-text > text').forEach(t => {
      const what = t.closest('.role-title') ? 'title' : t.closest('.role-legend') ? 'legend' : 'label';
      if (shown(t) && !inside(box(t), d, TOL)) say(`${what} "${t.textContent.slice(0, 40)}" runs outside the drawing`);
    });
    drawing.querySelectorAll('g.role-axis-label').forEach(axis => {
      const labels = Array.from(axis.querySelectorAll('text')).filter(shown).map(t => ({ t: t.textContent, b: box(t) }));
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i].b, b = labels[j].b;
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > TOL && overlapY > TOL) { say(`axis labels "${labels[i].t}" and "${labels[j].t}" overlap`); return; }
      }
    });
    // A data mark lies within the background of the nearest group that has one (a view's plot
    // area); marks of a clipped group are cut at its edge by Vega and cannot stray.
    drawing.querySelectorAll('g.role-mark:not(.mark-text) > path, g.role-mark:not(.mark-text) > line').forEach(mark => {
      if (!shown(mark) || mark.closest('.role-axis, .role-legend, .role-title')) return;
      let group = mark.closest('g.mark-group'), area = null;
      while (group && !area) {
        if (group.querySelector(':scope > g > [clip-path], :scope > [clip-path]')) return;
        area = group.querySelector(':scope > g > path.background, :scope > path.background');
        if (!area) group = group.parentElement.closest('g.mark-group');
      }
      if (!area) return;
      const m = box(mark), a = box(area);
      // A symbol is placed by its centre: a point on the last year is half outside by design.
      const symbol = mark.parentElement.classList.contains('mark-symbol');
      const probe = symbol ? { left: (m.left + m.right) / 2, right: (m.left + m.right) / 2, top: (m.top + m.bottom) / 2, bottom: (m.top + m.bottom) / 2 } : m;
      if (!inside(probe, a, 2.5)) {
        const kind = mark.parentElement.getAttribute('class').match(/mark-(\w+)/)[1];
        say(`a ${kind} mark lies outside its plot area (${Math.round(m.left - a.left)},${Math.round(m.top - a.top)} ` +
            `${Math.round(m.width)}x${Math.round(m.height)} in ${Math.round(a.width)}x${Math.round(a.height)})`);
      }
    });
  });
  return problems;
}"""


#: The same rule for pictures (the print map and the basemap drawn by matplotlib, as PNG): every
#: picture a reader sees in the page's text must say how small its text is, and show it at 11 px
#: or more. A picture records its smallest text, in its own pixels, in a PNG text chunk
#: (giants.maps.SMALLEST_TEXT_KEY); shown at a width other than its own, it scales with it.
#: Pictures hidden from the reader (the print edition's map, folded solutions) are skipped.
#: An async JS function of no argument; its problems name the picture's figure.
PICTURE_CHECKS = r"""async () => {
  const KEY = 'giants:smallest-text-px';
  const problems = [];
  // The picture's own width (from its header) and its recorded smallest text, or null.
  const read = async src => {
    const bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
    const view = new DataView(bytes.buffer);
    const width = view.getUint32(16);
    for (let at = 8; at + 8 <= bytes.length;) {
      const length = view.getUint32(at), type = String.fromCharCode(...bytes.slice(at + 4, at + 8));
      if (type === 'tEXt') {
        const text = new TextDecoder('latin1').decode(bytes.slice(at + 8, at + 8 + length));
        const [key, value] = text.split('\0');
        if (key === KEY) return { width, smallest: parseFloat(value) };
      }
      if (type === 'IEND') break;
      at += 12 + length;
    }
    return null;
  };
  const pictures = Array.from(document.querySelectorAll('main article img, article.bd-article img'))
    .filter(img => !img.closest('.giants-chart') && img.getBoundingClientRect().width > 0);
  for (const img of new Set(pictures)) {
    const figure = img.closest('figure');
    const name = (figure && (figure.id || figure.closest('[id]')?.id)) || img.getAttribute('src');
    const where = figure && !figure.id ? `${name} (${(img.alt || img.src).slice(0, 40)})` : name;
    const found = await read(img.currentSrc || img.src);
    if (found === null) { problems.push(`${where}: picture does not record its smallest text`); continue; }
    const shown = found.smallest * img.getBoundingClientRect().width / found.width;
    if (shown < 10.95) problems.push(`${where}: picture's text shown at ${shown.toFixed(1)} px, below 11 px`);
  }
  return problems;
}"""
