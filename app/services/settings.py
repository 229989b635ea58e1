"""Business settings: rows in the store's `settings` table with declared defaults.

They travel with the data and its backups. Window state and the language live in QSettings instead.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select

from app.models import Setting
from app.models.db import Store


@dataclass(frozen=True)
class BusinessSettings:
    shop_name: str = ""
    show_full_phone: bool = False  # phones are masked on screen unless the owner turns this on


DEFAULTS = BusinessSettings()
_TYPES = {f.name: type(getattr(DEFAULTS, f.name)) for f in fields(BusinessSettings)}


def _decode(key: str, raw: str):
    kind = _TYPES[key]
    if kind is bool:
        return raw == "1"
    if kind is int:
        return int(raw)
    return raw


def _encode(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def load_settings(store: Store) -> BusinessSettings:
    with store.session_factory() as s:
        rows = dict(s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(_TYPES))).all())
    return BusinessSettings(**{k: _decode(k, v) for k, v in rows.items()})


def save_setting(store: Store, key: str, value) -> BusinessSettings:
    if key not in _TYPES:
        raise KeyError(key)
    with store.session_factory.begin() as s:
        s.merge(Setting(key=key, value=_encode(value)))
    return load_settings(store)
