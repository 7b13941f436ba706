#!/bin/sh
# Check the interpreter `make` will use, before anything is installed, and say in one line
# what to do if it will not work. Called by the Makefile with PYTHON, VENV, ORIGIN (where
# PYTHON came from) and SUPPORTED ("3.11 3.12 3.13") in the environment.
set -u
versions=$(echo "$SUPPORTED" | sed 's/ \([^ ]*\)$/ or \1/; s/ \([^ o][^ ]*\) / \1, /g; s/^\([^ ]*\) /\1, /; s/, or/ or/')
version_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }

if [ -x "$VENV/bin/python" ]; then used="$VENV/bin/python"; else used="$PYTHON"; fi
version=$(version_of "$used") || {
  echo "No Python found as '$PYTHON': the book needs Python $versions; choose one with, for example, make book PYTHON=python3.13" >&2
  exit 1
}
case " $SUPPORTED " in
  *" $version "*) ;;
  *) echo "Python $version found ($used): the book needs Python $versions; choose one with, for example, make book PYTHON=python3.13" >&2
     exit 1 ;;
esac
if [ "$used" != "$PYTHON" ] && [ "$ORIGIN" = "command line" ]; then
  wanted=$(version_of "$PYTHON") || wanted="not found"
  if [ "$wanted" != "$version" ]; then
    echo "$VENV was made with Python $version but PYTHON=$PYTHON is $wanted: run 'make distclean' first to remake it" >&2
    exit 1
  fi
fi
