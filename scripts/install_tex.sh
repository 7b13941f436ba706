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
# shellcheck disable=SC2086
bash "$(dirname "$0")/apt_install.sh" "The print edition" $PACKAGES
have_all || { echo "TeX Live or the Noto fonts are still missing after apt-get install." >&2; exit 1; }
xelatex --version | head -1
