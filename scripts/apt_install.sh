#!/usr/bin/env bash
# Install Debian packages as root (directly or through sudo), or say what to run.
#   apt_install.sh "what they are for" package...
set -euo pipefail
purpose="$1"; shift
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "$purpose needs Debian packages: as root, run 'apt-get install --no-install-recommends $*'." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here: install these yourself ($purpose): $*" >&2
  exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
