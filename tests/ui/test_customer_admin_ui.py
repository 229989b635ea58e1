"""The Customers page's owner actions: merge suggestions accepted or rejected (each explained), manual
merge of two selected customers, split of one identity, notes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.ui.main_window import CUSTOMERS
from tests.ui.conftest import make_window, scalar


@pytest.fixture
def demo_window(qtbot, demo_store):
    w = make_window(qtbot, demo_store)
    w.nav.setCurrentRow(CUSTOMERS)
    return w


@pytest.fixture
def say_yes(monkeypatch):
    asked = []

    def question(_parent, title, text, *a, **kw):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def pending(store) -> int:
    return scalar(store, "SELECT count(*) FROM merge_suggestions WHERE status='pending'")


def test_merge_suggestions_are_explained_and_can_be_accepted_or_rejected(demo_window, demo_store):
    page = demo_window.customers
    page.tabs.setCurrentIndex(1)
    cards = page.queue.cards
    n = pending(demo_store)
    assert n >= 2 and len(cards) == n
    assert page.tabs.tabText(1) == f"Merge suggestions ({n})"
    first = cards[0].suggestion
    why = cards[0].explain(first)
    assert first.receiver_name in why and first.phone_tail in why and first.city in why

    a, b = first.a.id, first.b.id
    orders_of_pair = scalar(demo_store, "SELECT count(*) FROM orders WHERE customer_id IN (?, ?)", a, b)
    cards[0].accept_button.click()
    kept, gone = min(a, b), max(a, b)
    assert scalar(demo_store, "SELECT count(*) FROM customers WHERE id = ?", gone) == 0
    assert scalar(demo_store, "SELECT count(*) FROM orders WHERE customer_id = ?", kept) == orders_of_pair
    assert (
        scalar(
            demo_store, "SELECT count(*) FROM merge_suggestions WHERE id = ? AND status = 'pending'", first.id
        )
        == 0
    )
    assert first.id not in [c.suggestion.id for c in page.queue.cards]

    second = page.queue.cards[0].suggestion
    customers = scalar(demo_store, "SELECT count(*) FROM customers")
    page.queue.cards[0].reject_button.click()
    assert scalar(demo_store, "SELECT status FROM merge_suggestions WHERE id = ?", second.id) == "rejected"
    assert scalar(demo_store, "SELECT count(*) FROM customers") == customers  # nobody merged
    assert pending(demo_store) == len(page.queue.cards) < n - 1


def _select_rows(table, rows: list[int]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    sel = table.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(
            table.model().index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_manual_merge_of_two_selected_customers(demo_window, demo_store, say_yes):
    page = demo_window.customers
    _select_rows(page.table, [0, 1])
    ids = sorted(page.selected_ids())
    assert len(ids) == 2 and page.merge_button.isEnabled()
    total = scalar(demo_store, "SELECT count(*) FROM orders WHERE customer_id IN (?, ?)", *ids)
    before = scalar(demo_store, "SELECT count(*) FROM customers")
    page.merge_button.click()
    assert say_yes and str(ids[0]) in say_yes[0]
    assert scalar(demo_store, "SELECT count(*) FROM customers") == before - 1
    assert scalar(demo_store, "SELECT count(*) FROM orders WHERE customer_id = ?", ids[0]) == total
    assert page.model.total == before - 1  # the list reloaded


def test_split_one_identity_off_to_a_new_customer(demo_window, demo_store, say_yes):
    cid = scalar(
        demo_store,
        "SELECT customer_id FROM customer_identities GROUP BY customer_id "
        "HAVING count(DISTINCT kind) >= 2 ORDER BY customer_id LIMIT 1",
    )
    detail = demo_window.customers.detail
    detail.load(cid)
    assert detail.detail.id == cid and detail.identities.count() >= 2
    phone_row = next(
        i for i in range(detail.identities.count()) if detail.identities.item(i).text().startswith("Mobile")
    )
    detail.identities.setCurrentRow(phone_row)
    before = scalar(demo_store, "SELECT max(id) FROM customers")
    detail.split_button.click()
    new_id = scalar(demo_store, "SELECT max(id) FROM customers")
    assert new_id > before
    assert (
        scalar(
            demo_store,
            "SELECT count(*) FROM customer_identities WHERE customer_id = ? AND kind='phone'",
            new_id,
        )
        == 1
    )
    assert (
        scalar(
            demo_store, "SELECT count(*) FROM customer_identities WHERE customer_id = ? AND kind='phone'", cid
        )
        == 0
    )
    assert detail.detail.id == cid and detail.identities.count() == scalar(
        demo_store, "SELECT count(*) FROM customer_identities WHERE customer_id = ?", cid
    )


def test_notes_are_added_to_the_selected_customer(demo_window, demo_store):
    page = demo_window.customers
    page.table.selectRow(0)
    cid = page.selected_ids()[0]
    assert page.detail.detail.id == cid
    page.detail.note_edit.setText("Prefers SF Express")
    page.detail.note_button.click()
    assert (
        scalar(demo_store, "SELECT text FROM customer_notes WHERE customer_id = ?", cid)
        == "Prefers SF Express"
    )
    assert page.detail.notes.count() == 1 and "Prefers SF Express" in page.detail.notes.item(0).text()
    assert page.detail.tabs.tabText(2) == "Notes (1)"
