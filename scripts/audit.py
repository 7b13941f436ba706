"""Lighthouse over every page of the built book, offline, on the mobile profile.

    python scripts/audit.py LIGHTHOUSE_BIN [--pages book/the-sea.html ...]

Serves _build/html on localhost with gzip (as any real host does; Python's http.server does
not compress), runs Lighthouse (npm, driving Debian's chromium) on each page listed in the
table of contents, and prints performance, accessibility, best-practices and SEO scores with
each page's transferred weight. Exits non-zero when a page misses the accessibility target
(100) or the weight budget (1.5 MB); the performance target (95) is reported, not enforced,
because a page's score moves by 10 points or more between runs on a loaded machine (see README).
The full reports go to _build/audit/.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from giants.toc import toc_files  # noqa: E402

HTML = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "audit"
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".ipynb", ".csv")
TARGETS = {"accessibility": 100, "performance": 95}
BUDGET_MB = 1.5


class GzipHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix in COMPRESSIBLE
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=31536000")
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
            return None
        return super().send_head()


def audit(lighthouse: str, pages: list[str]) -> list[dict]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(HTML)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for page in pages:
            report = OUT / (page.replace("/", "_").removesuffix(".html") + ".json")
            subprocess.run(
                [
                    lighthouse,
                    f"http://127.0.0.1:{server.server_port}/{page}",
                    "--chrome-path=" + (subprocess.check_output(["which", "chromium"], text=True).strip()),
                    "--chrome-flags=--headless=new --no-sandbox",
                    "--form-factor=mobile",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                ],
                check=True,
            )
            data = json.loads(report.read_text())
            scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
            weight = data["audits"]["total-byte-weight"]["numericValue"] / 1e6
            requests = [r["url"] for r in data["audits"]["network-requests"]["details"]["items"]]
            outside = [u for u in requests if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
            results.append({"page": page, **scores, "weight_mb": round(weight, 2), "outside": outside})
    finally:
        server.shutdown()
    return results


def main() -> int:
    lighthouse = sys.argv[1]
    pages = (
        sys.argv[sys.argv.index("--pages") + 1 :]
        if "--pages" in sys.argv
        else [p.relative_to(ROOT).with_suffix(".html").as_posix() for p in toc_files()]
    )
    if not (HTML / "index.html").exists():
        raise SystemExit("No built book: run `make book` first.")
    results = audit(lighthouse, pages)
    print(f"\n{'page':<44} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'MB (gzip)':>10}")
    for r in results:
        print(
            f"{r['page']:<44} {r['performance']:>5} {r['accessibility']:>5} {r['best-practices']:>5} "
            f"{r['seo']:>5} {r['weight_mb']:>10.2f}"
        )
    (OUT / "summary.json").write_text(json.dumps(results, indent=2))
    failures = [
        r["page"]
        for r in results
        if r["accessibility"] < TARGETS["accessibility"] or r["weight_mb"] > BUDGET_MB or r["outside"]
    ]
    slow = [r["page"] for r in results if r["performance"] < TARGETS["performance"]]
    if slow:
        print(
            f"\nPerformance below {TARGETS['performance']} on {len(slow)} of {len(results)} pages (reported, see README)."
        )
    if failures:
        print(
            f"\nMissed accessibility 100, the {BUDGET_MB} MB budget or went off-site: {failures}",
            file=sys.stderr,
        )
        return 1
    print(f"\nAccessibility {TARGETS['accessibility']}, under {BUDGET_MB} MB and offline on every page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
