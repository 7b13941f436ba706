#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests, if it is not there yet.
# Playwright drives it through executable_path; it never downloads a browser of its own.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "$0")/apt_install.sh" "The browser tests" chromium fonts-dejavu-core
chromium --version
