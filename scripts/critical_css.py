"""Extract the CSS that the top of every page needs for its first paint (the "critical" CSS).

    python scripts/critical_css.py      # on a freshly built book (_build/html)

A phone waits for every stylesheet in <head> before it paints anything: the theme's twelve
files (about 45 KB gzipped) cost Lighthouse's slow-4G profile most of a second on each page.
The book therefore inlines, in every page's <head>, only the rules that style what is on the
first screen (book/_templates/critical.css, included by book/_templates/layout.html), and
loads the full stylesheets without blocking the paint (giants.sphinx.assets).

Which rules: every page of the table of contents is opened in Chromium at a phone's size
(412 x 823, Lighthouse's) and at a laptop's (1350 x 940); a rule is kept when its selector,
stripped of states (:hover) and pseudo-elements (::before), matches an element that starts
above the fold, including a hidden block itself (a sidebar hidden on phones must be hidden at
once, or the page would jump when the full stylesheet arrives) but not what is inside it. @media and @supports blocks keep the
kept rules inside them; @font-face and other at-rules are left to the full stylesheets (the
icon font only draws a dozen header icons). Relative url()s are written relative to _static/
as `__STATIC__/...`, which the template replaces with the page's own path to _static.

Run it again after changing the theme's pin, the trimmed theme or giants.css: tests/test_build.py
fails when the copy is older than the stylesheets it was cut from.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from browser_tools import launch_chromium, serve  # noqa: E402

from giants.toc import toc_files  # noqa: E402

HTML = ROOT / "_build" / "html"
OUT = ROOT / "book" / "_templates" / "critical.css"
VIEWPORTS = [{"width": 412, "height": 823}, {"width": 1350, "height": 940}]

#: Runs in the page: the paths ("sheet/rule/rule") of the rules that style the first screen.
KEPT_RULES = """() => {
  const fold = window.innerHeight;
  const state = /::?(hover|focus|focus-visible|focus-within|active|visited|checked|disabled|before|after|placeholder|marker|selection|-webkit-[a-z-]+|-moz-[a-z-]+)(\\([^)]*\\))?/g;
  const above = (selector) => {
    const bare = selector.replace(state, "").trim() || "*";
    let elements;
    try { elements = document.querySelectorAll(bare); } catch (e) { return false; }
    for (const element of elements) {
      // Inside a hidden block only the block's own rules matter (the one that hides it).
      const parent = element.parentElement;
      if (!element.checkVisibility() && parent && !parent.checkVisibility()) continue;
      if (element.getBoundingClientRect().top < fold) return true;
    }
    return false;
  };
  const kept = [];
  const visit = (rules, path) => {
    Array.from(rules).forEach((rule, i) => {
      const here = path + "/" + i;
      if (rule instanceof CSSStyleRule) {
        if (rule.selectorText.split(",").some(above)) kept.push(here);
      } else if (rule instanceof CSSImportRule && rule.styleSheet) {
        visit(rule.styleSheet.cssRules, here);
      } else if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
        visit(rule.cssRules, here);
      }
    });
  };
  Array.from(document.styleSheets).forEach((sheet) => {
    if (sheet.href && sheet.href.includes("/_static/")) visit(sheet.cssRules, sheet.href.split("?")[0].split("/_static/")[1]);
  });
  return kept;
}"""

#: Runs in the page: the kept rules as text, in the stylesheets' order, with their blocks.
WRITE_RULES = """(kept) => {
  const keep = new Set(kept);
  const base = new URL("_static/", document.baseURI.replace(/book\\/.*$/, "")).href;
  const urls = (text, sheetHref) => text.replace(/url\\(["']?([^"')]+)["']?\\)/g, (all, url) => {
    if (url.startsWith("data:")) return all;
    const absolute = new URL(url, sheetHref).href;
    return absolute.startsWith(base) ? 'url("__STATIC__/' + absolute.slice(base.length) + '")' : all;
  });
  const write = (rules, path, href) => Array.from(rules).map((rule, i) => {
    const here = path + "/" + i;
    if (rule instanceof CSSStyleRule) return keep.has(here) ? urls(rule.cssText, href) : "";
    if (rule instanceof CSSImportRule && rule.styleSheet) return write(rule.styleSheet.cssRules, here, rule.styleSheet.href);
    if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
      const inner = write(rule.cssRules, here, href);
      const head = rule instanceof CSSMediaRule ? "@media " + rule.conditionText : "@supports " + rule.conditionText;
      return inner ? head + "{" + inner + "}" : "";
    }
    return "";
  }).filter(Boolean).join("\\n");
  return Array.from(document.styleSheets).filter((s) => s.href && s.href.includes("/_static/"))
    .map((sheet) => write(sheet.cssRules, sheet.href.split("?")[0].split("/_static/")[1], sheet.href))
    .filter(Boolean).join("\\n");
}"""


def stylesheets_digest(html: Path = HTML) -> str:
    """One hash over the built stylesheets the critical CSS is cut from."""
    digest = hashlib.sha256()
    for path in sorted((html / "_static").rglob("*.css")):
        digest.update(path.relative_to(html).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not (HTML / "index.html").exists():
        raise SystemExit("No built book: run `make book` first.")
    pages = [p.relative_to(ROOT).with_suffix(".html").as_posix() for p in toc_files()]
    kept: set[str] = set()
    with serve(HTML) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for viewport in VIEWPORTS:
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            for name in pages:
                page.goto(base + name, wait_until="load")
                kept.update(page.evaluate(KEPT_RULES))
            context.close()
        # Pages have the same stylesheets in the same order, so one page writes them all.
        page = browser.new_page()
        page.goto(base + pages[0], wait_until="load")
        css = page.evaluate(WRITE_RULES, sorted(kept))
        browser.close()
    OUT.write_text(f"/* Critical CSS made by scripts/critical_css.py from stylesheets {stylesheets_digest()}; "
                   f"do not edit. */\n{css}\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(kept)} rules, {len(css.encode()) / 1000:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
