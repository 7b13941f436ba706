"""Benchmark the book on this machine: execution, builds, a test cycle, page weights.

    make bench

1. Bare execution: every chapter run top to bottom with nbclient (no Sphinx, no cache).
2. Cold build: _build removed, then the full build (execution included).
3. Warm rebuild: the same build again with nothing changed (should execute nothing).
4. Test cycle: `make test` right after that build, as a maintainer runs it after `make book`
   (nbval re-executes every chapter; the student edition and the print edition reuse the
   build's execution cache; the browser and PDF tests run).
5. Page weight: each chapter page opened in headless Chromium from localhost, adding up
   every byte it loads (HTML, scripts, styles, fonts, images, data): as stored, and as
   transferred by a static host that gzips text (GitHub Pages and most others do).
Targets: warm <= 10 % of cold, test cycle <= 3 x bare execution, every page <= 1.5 MB.
"""

import gzip
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_tools import launch_chromium, serve  # noqa: E402

from giants.toc import toc_files  # noqa: E402

BUDGET_MB = 1.5


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def execute_bare() -> None:
    for chapter in toc_files():
        notebook = jupytext.read(chapter)
        NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(chapter.parent)}},
        ).execute()


def build() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py")], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"build failed:\n{result.stdout[-3000:]}")


def test_cycle() -> None:
    result = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"make test failed:\n{result.stdout[-3000:]}")


def executions(log: Path) -> int:
    """How many notebooks a build log says it executed (not taken from the cache)."""
    return (
        log.read_text(encoding="utf-8", errors="replace").count("Executing notebook") if log.exists() else 0
    )


TEXT = ("text/", "javascript", "json", "svg", "xml")


def wire_size(response) -> tuple[int, int]:
    """(bytes as stored, bytes a gzipping host sends) for one response."""
    body = response.body() if response.ok else b""
    kind = response.headers.get("content-type", "")
    return len(body), len(gzip.compress(body, 9)) if any(t in kind for t in TEXT) else len(body)


def page_weights() -> dict[str, tuple[int, int, int]]:
    """Bytes each page loads (stored, transferred) and its request count, in a real browser."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with serve(ROOT / "_build" / "html") as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for chapter in toc_files():
            page_path = chapter.relative_to(ROOT).with_suffix(".html").as_posix()
            context = browser.new_context()
            page = context.new_page()
            sizes = []
            page.on("response", lambda r, into=sizes: into.append(wire_size(r)))
            page.goto(base + page_path, wait_until="networkidle")
            # Charts (and the vega scripts) and images load only as a reader scrolls to them:
            # scroll to the end and draw every chart, so the weight is the whole page's.
            page.evaluate("""async () => {
                for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
                    window.scrollTo(0, y);
                    await new Promise(resolve => setTimeout(resolve, 50));
                }
                if (window.giantsDrawAll) await window.giantsDrawAll();
            }""")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            weights[page_path] = (sum(s for s, _ in sizes), sum(z for _, z in sizes), len(sizes))
            context.close()
        browser.close()
    return weights


def main() -> None:
    bare = timed(execute_bare)
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold = timed(build)
    warm = timed(build)
    cycle = timed(test_cycle)
    student_runs = executions(ROOT / "_build" / "student" / "build.log")
    weights = page_weights()
    chapters = len(toc_files())
    print("\nBenchmark (this machine)")
    print(f"  bare execution of {chapters} chapters: {bare:6.1f} s")
    print(f"  cold build:                   {cold:6.1f} s  ({cold / bare:.2f} x bare)")
    print(
        f"  warm rebuild, nothing changed: {warm:5.1f} s  ({100 * warm / cold:.0f} % of cold; target <= 10 %)"
    )
    print(
        f"  test cycle (make test after the build): {cycle:5.1f} s  ({cycle / bare:.2f} x bare; target <= 3)"
    )
    print(
        f"    executions in it: {chapters} chapters under nbval, {student_runs} student notebook(s) "
        f"whose solutions sit between cells students keep; the rest from the build's cache"
    )
    print("  page weight (everything the page loads; budget 1.5 MB transferred):")
    for page_path, (stored, sent, requests) in weights.items():
        flag = "" if sent <= BUDGET_MB * 1e6 else "  OVER BUDGET"
        print(
            f"    {page_path:<36} {sent / 1e6:5.2f} MB transferred (gzip), "
            f"{stored / 1e6:5.2f} MB as stored, {requests:3d} requests{flag}"
        )


if __name__ == "__main__":
    main()
