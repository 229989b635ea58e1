"""The PyInstaller bundle builds from pyinstaller.spec and its own `siyu selfcheck` passes (CI runs this)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYINSTALLER = Path(sys.executable).parent / "pyinstaller"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.mark.slow
def test_bundle_builds_and_passes_its_selfcheck(tmp_path):
    if not PYINSTALLER.exists() and shutil.which("pyinstaller") is None:
        pytest.skip("pyinstaller is not installed (CI installs it from requirements-dev.txt)")
    exe = str(PYINSTALLER) if PYINSTALLER.exists() else "pyinstaller"
    dist = tmp_path / "dist"
    build = [exe, "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
             "--workpath", str(tmp_path / "build"), str(ROOT / "pyinstaller.spec")]  # fmt: skip
    res = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert res.returncode == 0, res.stderr[-4000:]
    bundle = dist / "siyu"
    internal = bundle / "_internal"
    assert (internal / "resources" / "samples" / "taobao_orders_sample.xlsx").exists()
    assert (internal / "resources" / "i18n" / "siyu_zh_CN.qm").exists()
    versions = Path("app", "models", "migrations", "versions")
    assert sorted(p.name for p in (internal / versions).glob("*.py")) == sorted(
        p.name for p in (ROOT / versions).glob("*.py")
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SIYU_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    check = subprocess.run([str(bundle / "siyu"), "selfcheck"], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=300)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    assert "selfcheck passed (bundle" in check.stdout
    print(f"bundle: {folder_size(bundle) / 2**20:.0f} MB at {bundle}")
