#!/usr/bin/env bash
# Install a Chromium for the browser tests, if there is none yet: Debian's (apt-get), which
# Playwright drives through executable_path; on a machine without apt-get (macOS, say),
# Playwright's own build (`playwright install chromium`, about 150 MB). GIANTS_CHROMIUM
# names a browser to use instead of either.
set -euo pipefail
if [ -n "${GIANTS_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  bash "$(dirname "$0")/apt_install.sh" "The browser tests" chromium fonts-dejavu-core
  chromium --version
else
  echo "No apt-get here: installing Playwright's own Chromium for the browser tests."
  "${PYTHON:-python3}" -m playwright install chromium
fi
