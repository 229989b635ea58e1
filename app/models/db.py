"""Opening the store: engine set-up, schema upgrades (after a backup) and SQLite online backups."""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# Plain files, also in the PyInstaller bundle: there this module lives under sys._MEIPASS/app/models/ and
# pyinstaller.spec copies the migrations next to it.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUPS_KEPT = 10


class StoreTooNew(RuntimeError):
    """The store's schema is newer than this build knows: opening it could damage it."""

    def __init__(self, path: str, revision: str) -> None:
        super().__init__(f"{path}: schema {revision} is newer than this version of the app")
        self.path, self.revision = path, revision


@dataclass(frozen=True)
class Store:
    """An open store: the engine, a session factory and, for SQLite, the file."""

    engine: Engine
    session_factory: sessionmaker[Session]
    url: str
    path: Path | None

    @property
    def backup_dir(self) -> Path | None:
        return None if self.path is None else self.path.parent / "backups"

    def dispose(self) -> None:
        self.engine.dispose()


def to_url(target: str | Path) -> str:
    """A plain path becomes a SQLite URL; anything with '://' is taken as a database URL."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _set_sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


_NONE: dict = {}


def _quick_null_and_bool_binding() -> None:
    """Bind None and bools through sqlite3's adapter registry instead of its slow path.

    sqlite3 binds only exact int, float, str and bytearray directly. Every other value (None and bool
    among them) goes through its adapter protocol: a key tuple, a registry look-up, and an
    AttributeError for `__adapt__` formatted and thrown away. That costs ~0.45 µs a value, and a
    100k-order import binds half a million of them. A registered adapter is found at the look-up.
    The stored values stay the same: NULL, and 0 or 1 (what sqlite3 binds for a bool, an int
    subclass). Registering bool or NoneType, unlike int or str, keeps sqlite3's fast path for the others.
    """
    sqlite3.register_adapter(type(None), _NONE.get)  # {}.get(None) is None: a C call, no Python frame
    sqlite3.register_adapter(bool, int)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _quick_null_and_bool_binding()
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_store(target: str | Path, *, upgrade: bool = True) -> Store:
    """Open (creating if needed) the store at a path or URL and bring its schema up to date."""
    url = to_url(target)
    sa_url = make_url(url)
    path = None
    if sa_url.get_backend_name() == "sqlite" and sa_url.database not in (None, "", ":memory:"):
        path = Path(sa_url.database)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    store = Store(engine, sessionmaker(engine, expire_on_commit=False), url, path)
    if upgrade:
        upgrade_schema(store)
    return store


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def schema_revisions(store: Store) -> tuple[str | None, str]:
    """(the store's revision, the newest revision this build knows)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with store.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(_alembic_config(conn)).get_current_head()
    return current, head


def _known_revision(store: Store, revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    with store.engine.connect() as conn:
        script = ScriptDirectory.from_config(_alembic_config(conn))
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


_REVISION_LINE = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=]+)?=\s*(?:["'](\w+)["']|None)\s*$""", re.MULTILINE
)


def head_from_files() -> str | None:
    """The newest revision, read from the version files without importing Alembic (it costs ~0.4 s of
    the window's start). None when the files are not a simple chain; the caller then asks Alembic."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found = {m.group(1): m.group(2) for m in _REVISION_LINE.finditer(text)}
        if "revision" not in found or "down_revision" not in found or not found["revision"]:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def stored_revision(store: Store) -> str | None:
    """The store's schema revision straight from alembic_version; None for a new or unversioned store."""
    with store.engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        except DBAPIError:
            return None
    return rows[0] if len(rows) == 1 else None


def upgrade_schema(store: Store) -> None:
    """Upgrade to the newest schema; an existing SQLite store is backed up first."""
    head = head_from_files()
    if head is not None and stored_revision(store) == head:
        return  # up to date: the common start, without importing Alembic
    from alembic import command

    current, head = schema_revisions(store)
    if current == head:
        return
    if current is not None and not _known_revision(store, current):
        raise StoreTooNew(str(store.path or store.url), current)
    if current is not None and store.path is not None:
        backup_sqlite(store, reason=f"before-upgrade-{current}")
    log.info("upgrading store schema %s -> %s", current, head)
    with store.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")


def copy_sqlite(source: Path, dest: Path) -> None:
    """A consistent copy of a live SQLite file (the online backup API: safe while the app writes)."""
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(store: Store, *, reason: str = "manual", keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the live SQLite store with the online backup API; keep the newest `keep` copies."""
    if store.path is None or not store.path.exists():
        return None
    folder = store.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{store.path.stem}-{stamp}-{reason}.sqlite"
    copy_sqlite(store.path, dest)
    backups = sorted(folder.glob(f"{store.path.stem}-*.sqlite"))
    for old in backups[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return dest


def list_backups(store: Store) -> list[Path]:
    folder = store.backup_dir
    if folder is None or not folder.exists():
        return []
    return sorted(folder.glob(f"{store.path.stem}-*.sqlite"), reverse=True)


def restore_backup(store: Store, backup: Path) -> None:
    """Replace the store's content with a backup (the current content is backed up first)."""
    backup_sqlite(store, reason="before-restore")
    store.engine.dispose()
    src = sqlite3.connect(str(backup))
    try:
        dst = sqlite3.connect(str(store.path), timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
