"""The segment rule builder: AND/OR groups of conditions over the fields app.services.analytics.segments
understands, producing (and showing) its JSON rule tree. `changed` fires on every edit."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.analytics.layers import LAYERS
from app.services.analytics.rfm import SEGMENTS
from app.services.analytics.segments import RELATIVE_DATE, canonical_date
from app.services.platforms import PLATFORM_NAMES
from app.ui.analytics_labels import layer_name, segment_name
from app.ui.labels import platform_name

CTX = "RuleBuilder"
NUMBER, MONEY, CHOICE, TEXT = "num", "money", "choice", "text"
DATE, FLAG, LIST, ITEMS = "date", "flag", "list", "items"
FIELDS = (  # (field key of the service, kind, title)
    ("layer", CHOICE, QT_TRANSLATE_NOOP("RuleBuilder", "Lifecycle layer")),
    ("rfm_segment", CHOICE, QT_TRANSLATE_NOOP("RuleBuilder", "RFM segment")),
    ("r_score", NUMBER, QT_TRANSLATE_NOOP("RuleBuilder", "R score (1-5)")),
    ("f_score", NUMBER, QT_TRANSLATE_NOOP("RuleBuilder", "F score (1-5)")),
    ("m_score", NUMBER, QT_TRANSLATE_NOOP("RuleBuilder", "M score (1-5)")),
    ("recency_days", NUMBER, QT_TRANSLATE_NOOP("RuleBuilder", "Days since last order (R)")),
    ("frequency", NUMBER, QT_TRANSLATE_NOOP("RuleBuilder", "Orders in the RFM window (F)")),
    ("monetary", MONEY, QT_TRANSLATE_NOOP("RuleBuilder", "Spend in the RFM window (M, yuan)")),
    ("spend", MONEY, QT_TRANSLATE_NOOP("RuleBuilder", "Net spend (yuan)")),
    ("order_count", NUMBER, QT_TRANSLATE_NOOP("RuleBuilder", "Valid orders")),
    ("value_365", MONEY, QT_TRANSLATE_NOOP("RuleBuilder", "Predicted 365-day value (yuan)")),
    ("last_order", DATE, QT_TRANSLATE_NOOP("RuleBuilder", "Last order date")),
    ("first_order", DATE, QT_TRANSLATE_NOOP("RuleBuilder", "First order date")),
    ("tier", CHOICE, QT_TRANSLATE_NOOP("RuleBuilder", "Member tier")),
    ("platform", CHOICE, QT_TRANSLATE_NOOP("RuleBuilder", "Platform")),
    ("tags", LIST, QT_TRANSLATE_NOOP("RuleBuilder", "Tags")),
    ("items_bought", ITEMS, QT_TRANSLATE_NOOP("RuleBuilder", "Bought items")),
    ("items_not_bought", ITEMS, QT_TRANSLATE_NOOP("RuleBuilder", "Never bought items")),
    ("city", TEXT, QT_TRANSLATE_NOOP("RuleBuilder", "City")),
    ("province", TEXT, QT_TRANSLATE_NOOP("RuleBuilder", "Province")),
    ("member", FLAG, QT_TRANSLATE_NOOP("RuleBuilder", "Member")),
    ("do_not_contact", FLAG, QT_TRANSLATE_NOOP("RuleBuilder", "Do not contact")),
)
YES, NO = QT_TRANSLATE_NOOP("RuleBuilder", "yes"), QT_TRANSLATE_NOOP("RuleBuilder", "no")
KIND = {key: kind for key, kind, _t in FIELDS}
CMPS = {  # kind -> (comparison, title)
    NUMBER: (
        ("=", "="),
        ("!=", "≠"),
        (">=", "≥"),
        ("<=", "≤"),
        (">", ">"),
        ("<", "<"),
        ("between", QT_TRANSLATE_NOOP("RuleBuilder", "between (a, b)")),
    ),
    DATE: (
        ("on_or_after", QT_TRANSLATE_NOOP("RuleBuilder", "on or after")),
        ("before", QT_TRANSLATE_NOOP("RuleBuilder", "before")),
        ("on_or_before", QT_TRANSLATE_NOOP("RuleBuilder", "on or before")),
        ("after", QT_TRANSLATE_NOOP("RuleBuilder", "after")),
        ("between", QT_TRANSLATE_NOOP("RuleBuilder", "between (a, b)")),
    ),
    CHOICE: (
        ("in", QT_TRANSLATE_NOOP("RuleBuilder", "is")),
        ("not_in", QT_TRANSLATE_NOOP("RuleBuilder", "is not")),
    ),
    TEXT: (
        ("in", QT_TRANSLATE_NOOP("RuleBuilder", "is one of")),
        ("not_in", QT_TRANSLATE_NOOP("RuleBuilder", "is none of")),
        ("contains", QT_TRANSLATE_NOOP("RuleBuilder", "contains")),
        ("is_empty", QT_TRANSLATE_NOOP("RuleBuilder", "is empty")),
    ),
    LIST: (
        ("has_any", QT_TRANSLATE_NOOP("RuleBuilder", "has any of")),
        ("has_all", QT_TRANSLATE_NOOP("RuleBuilder", "has all of")),
        ("has_none", QT_TRANSLATE_NOOP("RuleBuilder", "has none of")),
    ),
    ITEMS: (("is", QT_TRANSLATE_NOOP("RuleBuilder", "code or title contains")),),
    FLAG: (("is", QT_TRANSLATE_NOOP("RuleBuilder", "is")),),
}
CMPS[MONEY] = CMPS[NUMBER]


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


_tiers: list[tuple[int, str]] = []  # (tier id, name) of the open store, set by RuleGroup.set_tier_choices


def _choices(field: str) -> list[tuple[str, str]]:
    if field == "tier":
        return list(_tiers)
    if field == "layer":
        return [(k, layer_name(k)) for k in LAYERS]
    if field == "rfm_segment":
        return [(k, segment_name(k)) for k in SEGMENTS]
    if field == "platform":
        return [(k, platform_name(k)) for k in PLATFORM_NAMES]
    return [("1", _tr(YES)), ("0", _tr(NO))]


def _number(text: str, money: bool) -> float | int:
    value = float(text.strip())
    return int(round(value * 100)) if money else (int(value) if value.is_integer() else value)


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]


def parse_value(kind: str, cmp: str, text: str):
    """The rule's value from what the owner typed (ValueError when it is not a number where one is due)."""
    if kind in (NUMBER, MONEY):
        parts = [_number(p, kind == MONEY) for p in _split(text)]
        return parts[:2] if cmp == "between" else parts[0]
    if kind == DATE:
        parts = [canonical_date(p) for p in _split(text)]
        return parts[:2] if cmp == "between" else canonical_date(text)
    return _split(text) if kind in (TEXT, LIST, ITEMS) else text


def value_text(kind: str, value) -> str:
    values = value if isinstance(value, list | tuple) else [value]
    if kind == MONEY:
        values = [f"{v / 100:g}" for v in values]
    if kind == DATE:
        values = [date_text(str(v)) for v in values]
    return ", ".join(str(v) for v in values)


_UNIT_TEXT = {
    "day": QT_TRANSLATE_NOOP("RuleBuilder", "%1 days ago"),
    "week": QT_TRANSLATE_NOOP("RuleBuilder", "%1 weeks ago"),
    "month": QT_TRANSLATE_NOOP("RuleBuilder", "%1 months ago"),
}


def date_text(value: str) -> str:
    """A stored rule date as the owner reads it: '90 days ago' → '90天前' in Chinese."""
    if value == "today":
        return _tr(QT_TRANSLATE_NOOP("RuleBuilder", "today"))
    m = RELATIVE_DATE.match(value)
    return _tr(_UNIT_TEXT[m.group(2).lower()]).replace("%1", m.group(1)) if m else value


class ConditionRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, rule: dict | None = None, parent=None) -> None:
        super().__init__(parent)
        self.field_box, self.cmp_box, self.choice_box = QComboBox(), QComboBox(), QComboBox()
        for key, _kind, title in FIELDS:
            self.field_box.addItem(_tr(title), key)
        self.value_edit = QLineEdit()
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this condition"))
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.field_box, self.cmp_box, self.choice_box, self.value_edit):
            lay.addWidget(w, 1 if w is self.cmp_box else 2)
        lay.addWidget(remove)
        self.field_box.currentIndexChanged.connect(self._field_changed)
        for signal in (self.cmp_box.currentIndexChanged, self.choice_box.currentIndexChanged):
            signal.connect(self.changed)
        self.value_edit.textChanged.connect(self.changed)
        self._field_changed()
        if rule:
            self.set_rule(rule)

    @property
    def kind(self) -> str:
        return KIND[self.field_box.currentData()]

    def _field_changed(self) -> None:
        field, kind = self.field_box.currentData(), self.kind
        cmps = [(c, _tr(t)) for c, t in CMPS[kind]]
        for box, items in ((self.cmp_box, cmps), (self.choice_box, _choices(field))):
            box.blockSignals(True)
            box.clear()
            for key, title in items:
                box.addItem(title, key)
            box.blockSignals(False)
        choice = kind in (CHOICE, FLAG)
        self.choice_box.setVisible(choice)
        self.value_edit.setVisible(not choice)
        hints = {
            DATE: self.tr("2026-01-31 or 90 days ago"),  # zh: 2026-01-31 或 90天前
            MONEY: self.tr("yuan"),
            NUMBER: self.tr("number"),
        }
        self.value_edit.setPlaceholderText(hints.get(kind, self.tr("separate several with commas")))
        self.changed.emit()

    def rule(self) -> dict:
        field, cmp, kind = self.field_box.currentData(), self.cmp_box.currentData(), self.kind
        if kind == FLAG:
            return {"field": field, "cmp": "is", "value": self.choice_box.currentData() == "1"}
        if kind == CHOICE:
            return {"field": field, "cmp": cmp, "value": [self.choice_box.currentData()]}
        return {"field": field, "cmp": cmp, "value": parse_value(kind, cmp, self.value_edit.text())}

    def set_rule(self, rule: dict) -> None:
        self.field_box.setCurrentIndex(max(self.field_box.findData(rule.get("field")), 0))
        self.cmp_box.setCurrentIndex(max(self.cmp_box.findData(rule.get("cmp")), 0))
        value = rule.get("value")
        if self.kind in (CHOICE, FLAG):
            first = value[0] if isinstance(value, list | tuple) and value else value
            key = ("1" if first else "0") if self.kind == FLAG else first
            self.choice_box.setCurrentIndex(max(self.choice_box.findData(key), 0))
        else:
            self.value_edit.setText(value_text(self.kind, value))


class RuleGroup(QFrame):
    """'All of' / 'any of' a list of conditions and (at the top level) nested groups."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, nested: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("card" if nested else "")
        self.nested = nested
        self.items: list[QWidget] = []
        self.op_box = QComboBox()
        self.op_box.addItem(self.tr("All of these (AND)"), "and")
        self.op_box.addItem(self.tr("Any of these (OR)"), "or")
        self.op_box.currentIndexChanged.connect(self.changed)
        self.rows = QVBoxLayout()
        add = QPushButton(self.tr("+ Condition"))
        add.clicked.connect(lambda: self.add_condition())
        head = QHBoxLayout()
        head.addWidget(self.op_box)
        head.addWidget(add)
        if nested:
            remove = QPushButton(self.tr("Remove group"))
            remove.clicked.connect(lambda: self.remove_requested.emit(self))
            head.addWidget(remove)
        else:
            group = QPushButton(self.tr("+ Group"))
            group.clicked.connect(lambda: self.add_group())
            head.addWidget(group)
        head.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(*((8, 6, 8, 6) if nested else (0, 0, 0, 0)))
        lay.addLayout(head)
        lay.addLayout(self.rows)
        if not nested:
            lay.addStretch(1)  # rows keep their height; spare room stays below them

    def _add(self, item: QWidget) -> QWidget:
        item.changed.connect(self.changed)
        item.remove_requested.connect(self._remove)
        self.items.append(item)
        self.rows.addWidget(item)
        self.changed.emit()
        return item

    def add_condition(self, rule: dict | None = None) -> ConditionRow:
        return self._add(ConditionRow(rule))

    def add_group(self, tree: dict | None = None) -> RuleGroup:
        group = RuleGroup(nested=True)
        if tree:
            group.set_tree(tree)
        return self._add(group)

    def _remove(self, item: QWidget) -> None:
        self.items.remove(item)
        item.setParent(None)
        item.deleteLater()
        self.changed.emit()

    def set_tier_choices(self, tiers: list[tuple[int, str]]) -> None:
        """The store's tiers for "Member tier" conditions; rows already showing one keep their choice."""
        _tiers[:] = tiers
        for row in self.findChildren(ConditionRow):
            if row.field_box.currentData() == "tier":
                rule = row.rule()
                row._field_changed()
                row.set_rule(rule)

    def tree(self) -> dict:
        rules = [item.tree() if isinstance(item, RuleGroup) else item.rule() for item in self.items]
        return {"op": self.op_box.currentData(), "rules": rules}

    def set_tree(self, tree: dict) -> None:
        for item in list(self.items):
            self._remove(item)
        self.op_box.setCurrentIndex(max(self.op_box.findData(tree.get("op", "and")), 0))
        for rule in tree.get("rules", []):
            if "rules" in rule:
                self.add_group(rule)
            else:
                self.add_condition(rule)
