"""Trim the theme's stylesheet to the rules the book's pages use, and its icon font to the
icons they show.

pydata-sphinx-theme ships one 397 KB stylesheet (66 KB gzipped: Bootstrap and Font Awesome
whole) and a 153 KB icon font, and a phone on a slow connection waits for both before it
paints any text (Lighthouse: first paint 2.9 s of the intro page's 3.4 s largest paint).
This script keeps only the rules whose selectors appear in the built pages or in the
scripts that add classes to them (PurgeCSS), and only the glyphs those rules draw
(fontTools), and writes them to `book/_static/theme/`. The book's copy of the theme's
asset macros (`book/_templates/static/webpack-macros.html`) links that stylesheet instead of
the theme's own.

Run it after changing the theme's pin or adding markup the theme styles (a new component,
a new kind of admonition), on a freshly built book:

    make book && .venv/bin/python scripts/trim_theme.py

It needs npm at trimming time only; the build and its readers never do.
tests/test_build.py fails when a page uses a class that the theme styles but the trimmed
copy lost, or when the copy was made from another version of the theme.
"""

import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pydata_sphinx_theme
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
OUT = ROOT / "book" / "_static" / "theme"
THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
THEME_CSS = THEME_STATIC / "styles" / "pydata-sphinx-theme.css"
SOLID_TTF = THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.ttf"
PURGECSS_VERSION = "6.0.0"
PURGECSS = ROOT / ".venv" / "purgecss" / "node_modules" / ".bin" / "purgecss"
#: Classes that scripts build from parts or that browsers add, which PurgeCSS cannot see
#: in any file: Bootstrap's transitions and the theme's open/closed and dark-mode states.
SAFELIST = [
    r"^show$",
    r"^showing$",
    r"^hiding$",
    r"^collapsing$",
    r"^fade$",
    r"^active$",
    r"^disabled$",
    r"^focus",
    r"^dropdown",
    r"^pst-",
    r"^bd-",
    r"^search-",
    r"^sidebar-",
    r"^toggle",
    r"^theme-switch",
    r"^navbar",
    r"^nav-",
    r"^fieldset$",
]
#: Attributes Bootstrap sets on open menus and themed parts.
DYNAMIC_ATTRIBUTES = ["data-bs-popper", "data-bs-theme", "data-theme", "data-mode"]


def header(source: bytes) -> str:
    return (
        f"/* pydata-sphinx-theme {pydata_sphinx_theme.__version__} styles/pydata-sphinx-theme.css "
        f"(sha256 {hashlib.sha256(source).hexdigest()[:16]}), trimmed to the book's pages by "
        f"scripts/trim_theme.py. Bootstrap (MIT) and Font Awesome Free (CSS: MIT; font: OFL-1.1). */\n"
    )


def purgecss() -> Path:
    if not PURGECSS.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(PURGECSS.parent.parent.parent),
                "--no-audit",
                "--no-fund",
                "--silent",
                f"purgecss@{PURGECSS_VERSION}",
            ],
            check=True,
        )
    return PURGECSS


def content_files() -> list[str]:
    pages = [p for p in HTML.rglob("*.html") if "_static" not in p.parts]
    scripts = [p for p in HTML.joinpath("_static").rglob("*.js") if "vendor" not in p.parts]
    if not pages:
        raise SystemExit("No built book in _build/html: run `make book` first.")
    return [str(p) for p in pages + scripts]


def trimmed_css() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "purgecss.config.cjs"
        safelist = ", ".join(f"/{pattern}/" for pattern in SAFELIST)
        config.write_text(
            f"module.exports = {{ safelist: {{ standard: [{safelist}] }}, "
            f"dynamicAttributes: {json.dumps(DYNAMIC_ATTRIBUTES)}, "
            "fontFace: false, keyframes: false, variables: false };\n"
        )
        subprocess.run(
            [
                str(purgecss()),
                "--config",
                str(config),
                "--css",
                str(THEME_CSS),
                "--content",
                *content_files(),
                "--output",
                tmp,
            ],
            check=True,
        )
        css = (Path(tmp) / THEME_CSS.name).read_text(encoding="utf-8")
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    # The solid icon font now comes from the subset beside this stylesheet.
    solid = re.compile(
        r"url\(\.\./vendor/fontawesome/webfonts/fa-solid-900\.woff2\) format\(\"woff2\"\),"
        r"url\(\.\./vendor/fontawesome/webfonts/fa-solid-900\.ttf\) format\(\"truetype\"\)"
    )
    if not solid.search(css):
        raise SystemExit("The theme's @font-face for fa-solid-900 changed: update trim_theme.py.")
    return solid.sub('url(fa-solid-900.subset.woff) format("woff")', css)


def subset_icons(css: str) -> bytes:
    # Every icon any stylesheet on the pages may draw: the theme's own (some through CSS
    # variables, such as the admonition icons) and the extensions' (the exercise pencil).
    sheets = [css] + [
        p.read_text(encoding="utf-8", errors="replace")
        for p in HTML.joinpath("_static").rglob("*.css")
        if "vendor" not in p.parts and p.name != THEME_CSS.name
    ]
    # Icons are written as escapes ("\\f303") or as the private-use characters themselves.
    codepoints = sorted(
        {int(code, 16) for sheet in sheets for code in re.findall(r'"\\([ef][0-9a-f]{3})"', sheet)}
        | {ord(char) for sheet in sheets for char in re.findall("[\ue000-\uf8ff]", sheet)}
    )
    options = subset.Options()
    options.flavor = "woff"  # woff2 would need brotli; at this size zlib does as well
    font = TTFont(SOLID_TTF)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "font.woff"
        font.flavor = "woff"
        font.save(path)
        return path.read_bytes()


def main() -> int:
    source = THEME_CSS.read_bytes()
    css = trimmed_css()
    font = subset_icons(css)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "pydata-sphinx-theme.css").write_text(header(source) + css, encoding="utf-8")
    (OUT / "fa-solid-900.subset.woff").write_bytes(font)
    print(
        f"stylesheet {len(source) / 1024:.0f} KB -> {len(css.encode()) / 1024:.0f} KB; "
        f"icon font {SOLID_TTF.stat().st_size / 1024:.0f} KB (ttf) -> {len(font) / 1024:.1f} KB; "
        f"written to {OUT.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
