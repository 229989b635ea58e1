"""Test set-up: Qt offscreen before anything imports Qt; a fresh real SQLite store per test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SIYU_LANG", "en")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SIYU_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def store(tmp_path):
    from app.models.db import open_store

    s = open_store(tmp_path / "shop.sqlite")
    yield s
    s.dispose()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
