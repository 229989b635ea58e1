"""The metric settings dialog, customer lists for AIPL and the repurchase-interval chart on the Analytics
page, on a copy of the demo shop built through the real importer."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from tests.ui.conftest import make_window, table_snapshot


@pytest.fixture
def demo_window(qtbot, demo_store):
    return make_window(qtbot, demo_store)


def _page(qtbot, window):
    from app.ui.main_window import ANALYTICS

    window.nav.setCurrentRow(ANALYTICS)
    page = window.page(ANALYTICS)
    qtbot.waitUntil(lambda: page.shop is not None and page.data is not None, timeout=30000)
    return page


def _service_analysis(store):
    from app.services.analytics.recompute import analyse
    from app.services.analytics.settings import load_metric_settings

    with store.engine.connect() as conn:
        return analyse(conn, load_metric_settings(store), frame=False)


def _frame(store, sql: str, *params) -> pd.DataFrame:
    con = sqlite3.connect(str(store.path))
    try:
        return pd.read_sql_query(sql, con, params=params)
    finally:
        con.close()


def _fill(dialog, **values) -> None:
    for name, value in values.items():
        edit = dialog.edits[name]
        edit.setValue(value) if hasattr(edit, "setValue") else edit.setText(value)


# ---- the metric settings dialog ---------------------------------------------------------------------


def test_dialog_shows_the_stored_settings_and_the_automatic_cut_points(qtbot, demo_window, demo_store):
    from app.services.analytics.dashboard import current_cut_points

    page = _page(qtbot, demo_window)
    dialog = page.open_metric_settings()
    qtbot.addWidget(dialog)
    assert dialog.isEnabled() and dialog.latest_radio.isChecked()
    assert dialog.edits["lost_days"].value() == 180 and dialog.edits["dormant_days"].value() == 90
    assert dialog.edits["r_cuts"].text() == "" and dialog.edits["f_cuts"].text() == "2, 3, 4, 6"
    cuts = current_cut_points(demo_store)  # automatic: the thresholds the stored scores were made with
    assert ", ".join(map(str, cuts.r)) in dialog.hints["r_cuts"].text()
    m_yuan = ", ".join(f"{c // 100}" if c % 100 == 0 else f"{c // 100}.{c % 100:02d}" for c in cuts.m)
    assert m_yuan in dialog.hints["m_cuts"].text()
    assert dialog.latest_radio.text().endswith(f"({page.data.as_of.isoformat()})")


def test_saving_changes_the_stored_settings_and_the_layers_shown(qtbot, demo_window, demo_store):
    from app.services.analytics.settings import load_metric_settings
    from app.ui.score_refresh import score_refresher

    page = _page(qtbot, demo_window)
    before = dict(page.shop.layers)
    dialog = page.open_metric_settings()
    qtbot.addWidget(dialog)
    _fill(
        dialog, lost_days=120, dormant_days=45, loyal_orders=3, kpi_period_days=90,
        r_cuts="200, 120, 60, 20", m_cuts="100, 299.5, 600, 1200",
    )  # fmt: skip
    refresher = score_refresher(demo_window.ctx)
    with qtbot.assertNotEmitted(refresher.refreshed):  # scored once, by the save: not again on data_changed
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.stage.text() == "Recomputing every customer's scores…"
    stored = load_metric_settings(demo_store)
    assert (stored.lost_days, stored.dormant_days, stored.loyal_orders) == (120, 45, 3)
    assert stored.r_cuts == "200,120,60,20" and stored.m_cuts == "10000,29950,60000,120000"
    assert stored.as_of == "" and stored.kpi_period_days == 90
    expected = _service_analysis(demo_store)
    assert page.shop.layers == expected.layers != before
    assert page.shop.segments == expected.segments
    # the lost layer by hand: a valid order, the last one more than 120 days before the latest order
    last = _frame(demo_store, "SELECT customer_id, MAX(substr(order_time, 1, 10)) AS d FROM orders "
                  "WHERE is_valid AND customer_id IS NOT NULL GROUP BY customer_id")  # fmt: skip
    days = (pd.Timestamp(page.data.as_of) - pd.to_datetime(last["d"])).dt.days
    assert page.shop.layers["lost"] == int((days > 120).sum())
    # the default period setting is what the page shows now
    assert page.period_box.currentData() == "90" and page.data.report.period.days == 90


def test_a_fixed_as_of_date_is_saved_and_used(qtbot, demo_window, demo_store):
    from PySide6.QtCore import QDate

    from app.services.analytics.settings import load_metric_settings

    page = _page(qtbot, demo_window)
    dialog = page.open_metric_settings()
    qtbot.addWidget(dialog)
    dialog.fixed_radio.setChecked(True)
    dialog.as_of_edit.setDate(QDate(2026, 6, 30))
    dialog.save()
    assert load_metric_settings(demo_store).as_of == "2026-06-30"
    assert page.data.as_of == date(2026, 6, 30) and page.shop.layers == _service_analysis(demo_store).layers


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"r_cuts": "30, 90, 180, 365"}, "R cut points (days)", "smaller from score 2"),
        ({"f_cuts": "1, 2, 3"}, "F cut points (orders)", "four numbers"),
        ({"m_cuts": "100, abc, 300, 400"}, "M cut points (yuan)", '"abc" is not a number'),
        ({"m_cuts": "400, 300, 200, 100"}, "M cut points (yuan)", "larger from score 2"),
        ({"dormant_days": 200, "lost_days": 180}, "Dormant after (days)", "(180)"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    qtbot, demo_window, demo_store, values, field, words
):
    page = _page(qtbot, demo_window)
    before = table_snapshot(demo_store, "settings", "customer_scores")
    dialog = page.open_metric_settings()
    qtbot.addWidget(dialog)
    _fill(dialog, loyal_orders=5, **values)  # a good change alongside the bad one is not saved either
    dialog.save()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.text().startswith(field + ":") and words in dialog.error.text()
    assert table_snapshot(demo_store, "settings", "customer_scores") == before


def test_metric_settings_open_from_the_settings_dialog(qtbot, demo_window):
    from app.ui.dialogs.metric_settings_dialog import MetricSettingsDialog
    from app.ui.dialogs.settings_dialog import SettingsDialog

    settings = SettingsDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(settings)
    settings.metrics_button.click()
    opened = settings.findChildren(MetricSettingsDialog)
    assert len(opened) == 1 and opened[0].isVisible() and opened[0].edits["lost_days"].value() == 180


# ---- customer lists ----------------------------------------------------------------------------------


def _listed_stage_counts(store, kind_stage: dict[str, str]) -> dict[str, int]:
    """A and I by hand: listed customers without a valid order, I where any of their lists is an I list."""
    entries = _frame(store, "SELECT e.customer_id AS cid, l.kind FROM customer_list_entries e "
                     "JOIN customer_lists l ON l.id = e.list_id")  # fmt: skip
    buyers = set(_frame(store, "SELECT DISTINCT customer_id FROM orders WHERE is_valid")["customer_id"])
    entries = entries[~entries["cid"].isin(buyers)]
    entries["stage"] = entries["kind"].map(kind_stage)
    best = entries.groupby("cid")["stage"].apply(lambda s: "I" if "I" in set(s) else "A")
    return {stage: int((best == stage).sum()) for stage in ("A", "I")}


def test_importing_a_follower_then_a_member_list_fills_a_then_i(qtbot, demo_window, demo_store, tmp_path):
    from app.services.xlsx_fast import write_xlsx

    page = _page(qtbot, demo_window)
    assert page.shop.aipl["A"] is None and page.shop.aipl["I"] is None
    assert "import a follower list" in page.aipl_actions.hint.text()
    nicks = _frame(demo_store, "SELECT value FROM customer_identities WHERE kind = 'buyer' "
                   "AND platform = 'taobao' ORDER BY id LIMIT 8")["value"].tolist()  # fmt: skip
    rows = [("粉丝昵称", "手机号", "姓名"), *[(n, "", "") for n in nicks], ("新粉丝甲", "", ""),
            ("新粉丝乙", "13911112222", ""), (nicks[0], "", ""), ("", "139****2222", ""), ("", "", ""),
            ("", "", "只有名字")]  # fmt: skip
    followers = write_xlsx(tmp_path / "followers.xlsx", rows)
    dialog = page.open_customer_list()
    qtbot.addWidget(dialog)
    dialog.platform.setCurrentIndex(dialog.platform.findData("taobao"))
    dialog.path.setText(str(followers))
    dialog.import_button.click()
    result = dialog.result_value
    assert (result.rows, result.matched, result.created, result.skipped) == (13, 8, 2, 2)
    assert result.rejected == {"list_masked_phone": 1, "list_no_identity": 1} and result.repeated == 1
    text = dialog.outcome.text()
    assert "Rows read: 13" in text and "Rejected: 2" in text and "masked or incomplete mobile" in text
    expected = _listed_stage_counts(demo_store, {"follower": "A", "member": "I"})
    assert page.shop.aipl["A"] == expected["A"] == _service_analysis(demo_store).aipl["A"] >= 2
    assert page.shop.aipl["I"] is None
    members = write_xlsx(tmp_path / "members.xlsx", [("会员昵称",), ("新粉丝甲",), ("新会员丙",)])
    dialog.kind.setCurrentIndex(dialog.kind.findData("member"))
    dialog.path.setText(str(members))
    dialog.import_button.click()
    expected = _listed_stage_counts(demo_store, {"follower": "A", "member": "I"})
    assert expected == {"A": expected["A"], "I": 2} and page.shop.aipl["I"] == 2
    assert page.shop.aipl == _service_analysis(demo_store).aipl
    assert "A from follower lists" in page.aipl_actions.hint.text()
    members_now = _frame(demo_store, "SELECT display_name FROM customers WHERE is_member = 1")["display_name"]
    assert sorted(members_now) == ["新会员丙", "新粉丝甲"]  # a member list enrols, as on the Members page


def test_a_list_without_an_identity_column_is_refused(qtbot, demo_window, demo_store, tmp_path):
    from app.services.xlsx_fast import write_xlsx

    page = _page(qtbot, demo_window)
    before = table_snapshot(demo_store, "customers", "customer_lists")
    dialog = page.open_customer_list()
    qtbot.addWidget(dialog)
    dialog.path.setText(str(write_xlsx(tmp_path / "x.xlsx", [("姓名", "城市"), ("张三", "杭州")])))
    dialog.import_button.click()
    assert dialog.result_value is None and "Nothing was imported" in dialog.outcome.text()
    assert "No buyer id, nickname or mobile column" in dialog.outcome.text()
    assert table_snapshot(demo_store, "customers", "customer_lists") == before


def test_save_template_writes_the_generic_list_template(qtbot, demo_window, tmp_path):
    from app.services.analytics.aipl import TEMPLATE_HEADER
    from app.services.readers import open_sheets

    page = _page(qtbot, demo_window)
    out = tmp_path / "list.xlsx"
    page.save_list_template(str(out))
    assert tuple(open_sheets(out)[0].head(1)[0]) == TEMPLATE_HEADER
    assert str(out) in page.aipl_actions.hint.text()


# ---- the repurchase-interval chart ------------------------------------------------------------------


def test_interval_chart_shows_the_gaps_between_orders_recomputed_in_pandas(qtbot, demo_window, demo_store):
    page = _page(qtbot, demo_window)
    qtbot.waitUntil(lambda: not page._jobs and page.last_paint_seconds is not None, timeout=30000)
    orders = _frame(demo_store, "SELECT customer_id, substr(order_time, 1, 10) AS d FROM orders "
                    "WHERE is_valid AND customer_id IS NOT NULL AND substr(order_time, 1, 10) <= ?",
                    page.data.as_of.isoformat())  # fmt: skip
    gaps = []
    for _, mine in orders.groupby("customer_id"):
        days = sorted(pd.to_datetime(mine["d"]))
        gaps += [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    edges = [("0", 0, 0), ("1-7", 1, 7), ("8-14", 8, 14), ("15-30", 15, 30), ("31-60", 31, 60),
             ("61-90", 61, 90), ("91-180", 91, 180), ("181-365", 181, 365), (">365", 366, 10**6)]  # fmt: skip
    expected = {label: sum(lo <= g <= hi for g in gaps) for label, lo, hi in edges}
    assert sum(expected.values()) == len(gaps) > 0
    assert page.shop.intervals.buckets == expected
    ax = page.charts["intervals"].figure.axes[0]
    assert [int(p.get_height()) for p in ax.patches] == list(expected.values())
    assert [t.get_text() for t in ax.get_xticklabels()] == list(expected)
    assert f"median {pd.Series(gaps).median():g} days" in ax.get_title(loc="left")
