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
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-domain-reliability",
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
        raise RuntimeError("no Chromium: install Debian's chromium or run `python -m playwright install chromium` "
                           "(scripts/install_browser.sh does one or the other)")
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
