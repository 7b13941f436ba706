"""Vendor the JavaScript the built pages need, so charts render with no network.

Altair writes Vega-Lite specs; a browser needs vega, vega-lite and vega-embed to draw them.
This script fetches the exact versions that match the pinned Altair from the npm registry
(`npm pack`), and copies the minified UMD builds and their licences into
`book/_static/vendor/`. It also writes `book/_static/vendor/VERSIONS.json`, which the book's
Sphinx extension and the tests read. (The book has no mathematics, so it vendors no MathJax;
giants.sphinx.assets.NoMaths makes a page with maths a build error.)

Run it after changing the Altair pin:  .venv/bin/python scripts/vendor_js.py
It needs npm at vendoring time only; the built book and its readers never do.
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import altair as alt

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "book" / "_static" / "vendor"

# vega-lite must be the schema version Altair emits; vega and vega-embed are the newest
# releases of the major versions Altair's own HTML renderer asks for (VEGA_VERSION,
# VEGAEMBED_VERSION), pinned here so a rerun is reproducible.
PACKAGES = {
    "vega": ("5.33.1", "build/vega.min.js"),
    "vega-lite": (alt.SCHEMA_VERSION.lstrip("v"), "build/vega-lite.min.js"),
    "vega-embed": ("6.29.0", "build/vega-embed.min.js"),
}
# The vega 5.33.1 tarball ships without its LICENSE file; the same BSD-3-Clause text with
# the same copyright line ships in the next release's tarball, so take it from there.
LICENCE_FALLBACK = {"vega": "6.2.0"}


def fetch(name: str, version: str, workdir: Path) -> Path:
    """Download one npm tarball and return the folder it unpacks to."""
    workdir.mkdir(exist_ok=True)
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    target = workdir / name
    with tarfile.open(workdir / out) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def main() -> None:
    if not alt.VEGA_VERSION.startswith(PACKAGES["vega"][0].split(".")[0]):
        sys.exit(f"Altair wants vega {alt.VEGA_VERSION}; update PACKAGES in {__file__}")
    if not alt.VEGAEMBED_VERSION.startswith(PACKAGES["vega-embed"][0].split(".")[0]):
        sys.exit(f"Altair wants vega-embed {alt.VEGAEMBED_VERSION}; update PACKAGES")
    staging = Path(tempfile.mkdtemp(prefix="vendor-"))
    try:
        files = {}
        for name, (version, build) in PACKAGES.items():
            package = fetch(name, version, staging)
            script = f"{name}@{version}.min.js"
            shutil.copy(package / build, staging / script)
            licence = package / "LICENSE"
            if not licence.exists():
                licence = fetch(name, LICENCE_FALLBACK[name], staging / "fallback") / "LICENSE"
            shutil.copy(licence, staging / f"{name}.LICENSE.txt")
            digest = hashlib.sha256((staging / script).read_bytes()).hexdigest()
            files[name] = {"version": version, "file": script, "sha256": digest}
        # Write into a fresh folder and swap it in, so a failed run leaves the old one whole.
        fresh = VENDOR.with_name("vendor.new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        for name in files:
            for suffix in (files[name]["file"], f"{name}.LICENSE.txt"):
                shutil.copy(staging / suffix, fresh / suffix)
        (fresh / "VERSIONS.json").write_text(json.dumps(files, indent=2) + "\n")
        shutil.rmtree(VENDOR, ignore_errors=True)
        fresh.rename(VENDOR)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for name, info in files.items():
        size = (VENDOR / info["file"]).stat().st_size // 1024
        print(f"{name:<11} {info['version']:<8} {size:>5} KB  {info['sha256'][:16]}")


if __name__ == "__main__":
    main()
