"""`python main.py selfcheck` from source: temporary store, sample import, font, catalog, every page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_selfcheck_passes_from_source(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIYU_DATA_DIR": str(tmp_path / "owner")}
    res = subprocess.run(
        [sys.executable, "main.py", "selfcheck"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    steps = [line.split()[1] for line in res.stdout.splitlines() if line.startswith("ok ")]
    assert steps == ["store", "import", "qt", "font", "translations", "chart", "window"]
    assert "30 orders" in res.stdout
    assert "selfcheck passed (source" in res.stdout
    assert not (tmp_path / "owner").exists(), "selfcheck must not touch the owner's data folder"


def test_selfcheck_fails_with_the_reason_when_the_sample_is_missing(tmp_path):
    # A bundle layout without the sample sheet: the resources folder of a copy of the app.
    fake = tmp_path / "app_copy"
    (fake / "resources").mkdir(parents=True)
    code = (
        "import sys; sys._MEIPASS = sys.argv[1]; sys.argv = ['main.py', 'selfcheck'];"
        "from app.selfcheck import run_selfcheck; sys.exit(run_selfcheck())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run(
        [sys.executable, "-c", code, str(fake)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 1
    assert "FAIL import: sample sheet missing" in res.stdout
    assert "selfcheck FAILED" in res.stdout
