"""The Analytics (dashboard) and Segments pages and the customer panel's scores, on the demo shop built
through the real importer."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from tests.ui.conftest import make_window, scalar

MASKED = re.compile(r"^\d{3}\*{4}\d{4}$")
FULL = re.compile(r"^\d{11}$")


@pytest.fixture
def demo_window(qtbot, demo_store):
    return make_window(qtbot, demo_store)


def _expected_report(store, preset: str):
    from app.services.analytics.dashboard import latest_as_of, period_for
    from app.services.analytics.kpis import kpi_report

    period = period_for(preset, latest_as_of(store))
    with store.engine.connect() as conn:
        return kpi_report(conn, period)


def _show(window, index: int):
    window.nav.setCurrentRow(index)
    return window.page(index)


def _painted(qtbot, page) -> None:
    """The charts are drawn one per turn of the event loop after the data arrived."""
    qtbot.waitUntil(lambda: not page._jobs and page.last_paint_seconds is not None, timeout=30000)


@pytest.mark.parametrize("preset", ["90", "month"])
def test_dashboard_kpis_equal_the_service_for_the_chosen_period(demo_window, demo_store, preset):
    from app.ui.labels import yuan
    from app.ui.main_window import ANALYTICS

    page = _show(demo_window, ANALYTICS)
    page.set_period(preset)
    expected = _expected_report(demo_store, preset)
    assert page.data.report == expected
    cards, cur, prev = page.kpi_cards, expected.current, expected.previous
    assert cur.orders > 0 and cur != prev
    assert cards["net_sales_fen"].value.text() == yuan(cur.net_sales_fen)
    assert cards["orders"].value.text() == f"{cur.orders:,}"
    assert cards["buyers"].value.text() == f"{cur.buyers:,}"
    assert cards["new_buyers"].value.text() == f"{cur.new_buyers:,}"
    assert cards["repurchase_rate"].value.text() == f"{cur.repurchase_rate:.1%}"
    change = f"{(cur.orders - prev.orders) / prev.orders:+.1%}"
    assert change in cards["orders"].change.text()
    assert expected.period.start.isoformat() in page.as_of_label.text()


def test_custom_period_and_every_chart_drawn(qtbot, demo_window, demo_store):
    from datetime import date

    from PySide6.QtCore import QDate

    from app.services.analytics.kpis import Period, kpi_report
    from app.ui.main_window import ANALYTICS

    page = _show(demo_window, ANALYTICS)
    page.set_period("custom")
    page.start_edit.setDate(QDate(2026, 6, 1))
    page.end_edit.setDate(QDate(2026, 8, 31))
    with demo_store.engine.connect() as conn:
        assert page.data.report == kpi_report(conn, Period(date(2026, 6, 1), date(2026, 8, 31)))
    _painted(qtbot, page)
    assert all(chart.figure is not None for chart in page.charts.values())
    assert page.last_paint_seconds is not None


def test_a_chart_saves_a_png_with_the_bundled_font(qtbot, demo_window, tmp_path):
    from matplotlib import rcParams

    from app.ui.fonts import register_matplotlib
    from app.ui.main_window import ANALYTICS

    page = _show(demo_window, ANALYTICS)
    _painted(qtbot, page)
    out = tmp_path / "layers.png"
    page.charts["layers"].save_png(str(out))
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    assert rcParams["font.sans-serif"][0] == register_matplotlib() is not None


def _rule_tree():
    return {
        "op": "and",
        "rules": [
            {"field": "last_order", "cmp": "on_or_after", "value": "180 days ago"},
            {
                "op": "or",
                "rules": [
                    {"field": "layer", "cmp": "in", "value": ["active"]},
                    {"field": "m_score", "cmp": ">=", "value": 4},
                ],
            },
        ],
    }


def test_building_a_rule_updates_the_count_to_the_services_count(demo_window, demo_store, qtbot):
    from app.services.analytics.segments import count_matching
    from app.ui.main_window import SEGMENTS

    page = _show(demo_window, SEGMENTS)
    page.builder.set_tree({"op": "and", "rules": []})
    row = page.builder.add_condition()
    row.field_box.setCurrentIndex(row.field_box.findData("last_order"))
    row.cmp_box.setCurrentIndex(row.cmp_box.findData("on_or_after"))
    row.value_edit.setText("180 days ago")
    group = page.builder.add_group()
    group.op_box.setCurrentIndex(group.op_box.findData("or"))
    group.add_condition({"field": "layer", "cmp": "in", "value": ["active"]})
    group.add_condition({"field": "m_score", "cmp": ">=", "value": 4})
    assert page.builder.tree() == _rule_tree()
    expected = count_matching(demo_store, _rule_tree())
    assert 0 < expected < scalar(demo_store, "SELECT COUNT(*) FROM customers")
    qtbot.waitUntil(lambda: page.count == expected)  # the debounced live count
    assert f"{expected:,}" in page.count_label.text()
    assert page.model.total == expected
    row.value_edit.setText("180天前")  # typed the Chinese way: the same rule, the same count
    assert page.builder.tree() == _rule_tree()
    row.set_rule(row.rule())
    assert row.value_edit.text() == "180 days ago"  # shown back in the UI language (English here)
    row.value_edit.setText("abc days")  # not a date: the page says so instead of counting
    qtbot.waitUntil(lambda: page.count is None)
    assert not page.export_button.isEnabled()


def test_saving_renaming_and_deleting_a_segment(demo_window, demo_store):
    from app.services.analytics.segments import saved_segments
    from app.ui.main_window import SEGMENTS

    page = _show(demo_window, SEGMENTS)
    page.builder.set_tree(_rule_tree())
    page.save_as("Recent big spenders")
    assert page.saved_names() == ["Recent big spenders"]
    [saved] = saved_segments(demo_store)
    assert saved.rules == _rule_tree() and f"({saved.size:,})" in page.saved.item(0).text()
    page.save_as("Renamed", saved.id, saved.rules)
    assert page.saved_names() == ["Renamed"]
    page.new_segment()
    page.saved.setCurrentRow(0)
    assert page.builder.tree() == _rule_tree()
    page.delete_segment(saved.id)
    assert page.saved_names() == [] and saved_segments(demo_store) == []


def _export(page, tmp_path, name: str, show_phone: bool):
    from app.ui.dialogs.member_export_dialog import export_columns

    path = tmp_path / name
    page.export_members(str(path), export_columns(["display_name", "phone", "layer", "m_fen"]), show_phone)
    return [list(r) for r in load_workbook(path, read_only=True).active.iter_rows(values_only=True)]


def test_exporting_members_writes_the_chosen_columns_with_masked_phones(demo_window, demo_store, tmp_path):
    from app.services.analytics.segments import count_matching
    from app.ui.analytics_labels import LAYER_NAMES
    from app.ui.main_window import SEGMENTS

    page = _show(demo_window, SEGMENTS)
    page.builder.set_tree(_rule_tree())
    rows = _export(page, tmp_path, "members.xlsx", show_phone=False)
    assert rows[0] == ["Name", "Phone", "Lifecycle layer", "M (spend in the RFM window, yuan)"]
    assert len(rows) - 1 == count_matching(demo_store, _rule_tree())
    phones = [r[1] for r in rows[1:] if r[1]]
    # every full mobile number is masked (some platforms export phones already masked, e.g. 1******1384)
    assert any(MASKED.match(p) for p in phones) and not any(FULL.match(p) for p in phones)
    assert {r[2] for r in rows[1:]} <= set(LAYER_NAMES.values())
    full = _export(page, tmp_path, "full.xlsx", show_phone=True)
    shown = {r[1] for r in full[1:] if r[1]}
    assert shown <= {r[0] for r in _all_phones(demo_store)} and any(FULL.match(p) for p in shown)
    assert "members.xlsx" in page.export_status.text() or "full.xlsx" in page.export_status.text()


def test_a_cancelled_export_leaves_no_file(demo_store, tmp_path):
    from app.services.analytics.member_export import ExportRequest, export_members

    req = ExportRequest(_rule_tree(), tmp_path / "x.xlsx", [("display_name", "Name")])
    assert export_members(demo_store, req, cancelled=lambda: True) == 0
    assert not req.path.exists()
    assert export_members(demo_store, req) > 0 and req.path.exists()


def _all_phones(store):
    import sqlite3

    con = sqlite3.connect(str(store.path))
    try:
        return con.execute("SELECT phone FROM customers WHERE phone <> ''").fetchall()
    finally:
        con.close()


def test_customer_panel_shows_layer_rfm_and_why_there_is_no_predicted_value(qtbot, demo_window, demo_store):
    from app.ui.analytics_labels import layer_name, segment_name
    from app.ui.pages.customer_detail import CustomerDetailPanel

    first = "FROM customer_scores WHERE r_score = 5 ORDER BY customer_id LIMIT 1"
    cid, layer, segment, r, f, m = (
        scalar(demo_store, f"SELECT {col} {first}")
        for col in ("customer_id", "layer", "rfm_segment", "r_score", "f_score", "m_score")
    )
    panel = CustomerDetailPanel(demo_window.ctx)
    qtbot.addWidget(panel)
    panel.load(cid)
    labels = panel.figure_labels
    assert labels["layer"].text() == layer_name(layer)
    assert labels["rfm"].text() == f"{segment_name(segment)} ({r}-{f}-{m})"
    text = panel.scores_text.text()
    assert f"score {r} (scores: 5: ≤" in text and "otherwise 1" in text
    # the demo shop has too few repeat buyers for the model: the panel says so with the numbers
    assert labels["value"].text() == "–" and "customers who bought again" in text


def test_a_data_change_recomputes_the_scores_with_predicted_values(demo_window, demo_store):
    from app.services.analytics.settings import save_metric_setting
    from app.ui.main_window import ANALYTICS

    _show(demo_window, ANALYTICS)  # the analytics pages (built at start-up) own the recompute
    assert scalar(demo_store, "SELECT COUNT(value_365_fen) FROM customer_scores") == 0
    save_metric_setting(demo_store, "clv_min_repeat_customers", 50)
    demo_window.ctx.data_changed.emit()  # what an import or an undo emits
    assert scalar(demo_store, "SELECT COUNT(value_365_fen) FROM customer_scores") > 0
