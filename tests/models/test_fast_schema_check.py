"""Opening an up-to-date store skips Alembic (start-up time) yet agrees with Alembic about the head."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.models.db import head_from_files, open_store, schema_revisions, stored_revision

ROOT = Path(__file__).resolve().parents[2]


def test_head_read_from_files_is_alembics_head(store):
    current, head = schema_revisions(store)
    assert head_from_files() == head == current == stored_revision(store)


def test_a_new_store_has_no_revision_until_upgraded(tmp_path):
    fresh = open_store(tmp_path / "new.sqlite", upgrade=False)
    try:
        assert stored_revision(fresh) is None
    finally:
        fresh.dispose()


def test_opening_a_current_store_does_not_import_alembic(tmp_path):
    path = tmp_path / "shop.sqlite"
    open_store(path).dispose()  # created and upgraded: Alembic runs here
    code = (
        "import sys; from app.models.db import open_store; s = open_store(sys.argv[1]); s.dispose();"
        "print('alembic' in sys.modules)"
    )
    res = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)  # fmt: skip
    assert res.stdout.strip() == "False"
