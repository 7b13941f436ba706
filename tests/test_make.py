"""The two commands keep their promises: which Python, what each tier installs, one lab setup."""

import json
import re
import subprocess

import pytest

from giants.toc import ROOT

#: A command line that installs system packages (a message naming apt-get is not one).
SYSTEM_INSTALLS = re.compile(
    r"^\s*(sudo\s+)?(apt-get|apt|brew|dnf|yum)\s|apt_install\.sh|install_browser\.sh|"
    r"install_tex\.sh|playwright install",
    re.M,
)


def dry_run(target: str) -> str:
    """What `make <target>` would run on a fresh clone (-B: as if nothing were installed yet)."""
    result = subprocess.run(["make", "-nB", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_check_installs_no_system_package():
    commands = dry_run("check")
    assert "pytest" in commands and "requirements-test.txt" in commands
    assert not SYSTEM_INSTALLS.search(commands), f"make check would install system packages:\n{commands}"


def test_make_test_installs_the_browser_and_tex_itself():
    commands = dry_run("test")
    assert "install_browser.sh" in commands and "install_tex.sh" in commands


@pytest.mark.parametrize(
    "reported, accepted", [("3.10", False), ("3.11", True), ("3.13", True), ("3.14", False)]
)
def test_the_makefile_checks_the_python_version_first(tmp_path, reported, accepted):
    """An unsupported Python stops make before anything is installed, with one line saying what works."""
    fake = tmp_path / "python-fake"
    fake.write_text(f"#!/bin/sh\necho {reported}\n")
    fake.chmod(0o755)
    result = subprocess.run(
        ["make", "python-version", f"PYTHON={fake}", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if accepted:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0
        message = [line for line in result.stderr.splitlines() if "Python" in line]
        assert message == [
            f"Python {reported} found ({fake}): the book needs Python 3.11, 3.12 or 3.13; "
            f"choose one with, for example, make book PYTHON=python3.13"
        ], result.stderr
        assert not (tmp_path / "venv").exists(), "a virtual environment was made before the check"


def test_make_lab_and_binder_share_one_jupyterlab_setup():
    settings = json.loads((ROOT / "scripts" / "jupyterlab-overrides.json").read_text())
    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    assert "jupyterlab-myst==" in (ROOT / "requirements-lab.txt").read_text()
    post_build = (ROOT / "postBuild").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for setup in (post_build, makefile):
        assert "scripts/jupyterlab-overrides.json" in setup and "requirements-lab.txt" in setup
