"""One HTML page showing every chart screenshot the browser test saved, for a person to look at.

    python scripts/contact_sheet.py [_build/screenshots]

tests/test_browser.py saves each chart as a reader sees it at each width to
_build/screenshots/charts/<page>--<chart id>--<width>.png and what its checks found to
_build/screenshots/checks/<page>--<width>.json; this writes _build/screenshots/contact-sheet.html:
one row per chart, one column per width, each picture labelled, the checks' complaints beside it.
The pictures are shown at their real size, so a phone-width chart looks as it does on a phone.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOT = re.compile(r"(?P<page>.+)--(?P<chart>.+)--(?P<width>\d+)\.png")


def collect(folder: Path) -> tuple[dict, list[int], dict]:
    """{(page, chart): {width: picture}}, the widths seen, and {(page, width): problems}."""
    shots: dict = defaultdict(dict)
    for path in sorted((folder / "charts").glob("*.png")):
        match = SHOT.fullmatch(path.name)
        if match:
            shots[match["page"], match["chart"]][int(match["width"])] = path
    widths = sorted({w for row in shots.values() for w in row})
    problems = {}
    for path in sorted((folder / "checks").glob("*.json")):
        page, width = path.stem.rsplit("--", 1)
        problems[page, int(width)] = json.loads(path.read_text())
    return shots, widths, problems


def write_contact_sheet(folder: Path) -> Path:
    """Write folder/contact-sheet.html from the screenshots under folder; return its path."""
    shots, widths, problems = collect(folder)
    out = folder / "contact-sheet.html"
    rows = []
    for (page, chart), pictures in sorted(shots.items()):
        cells = []
        for width in widths:
            picture = pictures.get(width)
            found = [p for p in problems.get((page, width), []) if p.startswith(chart + ":")]
            note = "".join(f"<li>{html.escape(p)}</li>" for p in found)
            image = (
                f'<img src="{picture.relative_to(folder).as_posix()}" alt="{html.escape(chart)} at {width} px" '
                f'style="max-width:{min(width, 900)}px">'
                if picture
                else "<p>(not shown at this width)</p>"
            )
            cells.append(
                f"<td><p class=label>{html.escape(page)} · #{html.escape(chart)} · {width} px</p>"
                f"{image}{'<ul class=bad>' + note + '</ul>' if note else ''}</td>"
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    total = sum(len(v) for v in problems.values())
    out.write_text(f"""<!doctype html><meta charset="utf-8"><title>Charts as readers see them</title>
<style>body{{font-family:system-ui,sans-serif;margin:1rem}} td{{vertical-align:top;padding:0.5rem;border-top:1px solid #ccc}}
img{{border:1px solid #999;height:auto}} .label{{font-weight:600;margin:0 0 .3rem}} .bad{{color:#a00}}</style>
<h1>Charts as readers see them</h1>
<p>{len(shots)} charts at {", ".join(f"{w} px" for w in widths)}; {total} problems found by the browser checks.</p>
<table>{"".join(rows)}</table>
""")
    return out


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "screenshots"
    print(write_contact_sheet(folder))
