#!/usr/bin/env bash
# Install what `make pdf` typesets with, from Debian, if it is not there yet: XeLaTeX and
# the LaTeX packages Sphinx's LaTeX writer loads, latexmk, Noto fonts for Vietnamese
# (Noto Serif, Noto Sans) and Chinese (Noto Serif CJK), and poppler's pdftotext and
# pdffonts for the tests. About 200 MB to download; no TeX Live Chinese bundle is needed.
set -euo pipefail
PACKAGES="texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  latexmk fonts-noto-core fonts-noto-cjk fonts-dejavu-core poppler-utils"
have_all() {
  # One fc-list, searched twice: `fc-list | grep -q` would fail under pipefail on SIGPIPE.
  local fonts
  fonts="$(fc-list 2>/dev/null || true)"
  command -v xelatex >/dev/null 2>&1 && command -v latexmk >/dev/null 2>&1 \
    && command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 \
    && grep -q "Noto Serif CJK SC" <<<"$fonts" && grep -q "NotoSerif-Regular" <<<"$fonts" \
    && kpsewhich ucharclasses.sty >/dev/null 2>&1 && kpsewhich xurl.sty >/dev/null 2>&1
}
if have_all; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "The print edition needs TeX Live and Noto fonts: run as root" >&2
  echo "  apt-get install --no-install-recommends $(echo $PACKAGES)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here: install XeLaTeX, latexmk, poppler and the Noto Serif, Noto Sans and Noto Serif CJK SC fonts yourself." >&2
  exit 1
fi
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
have_all || { echo "TeX Live or the Noto fonts are still missing after apt-get install." >&2; exit 1; }
xelatex --version | head -1
