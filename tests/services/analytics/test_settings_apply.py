"""The metric settings as the owner edits them (checked, saved all at once, applied with a recompute), the
customer-list rejection reasons and what the Analytics page's new cards read."""

from __future__ import annotations

import pandas as pd
import pytest

from app.services.analytics.aipl import import_customer_list
from app.services.analytics.cohorts import repurchase_intervals
from app.services.analytics.dashboard import latest_as_of, period_view, shop_view
from app.services.analytics.frame import scope_of
from app.services.analytics.recompute import analyse, recompute_scores
from app.services.analytics.settings import (
    DEFAULTS,
    SettingInvalid,
    apply_metric_settings,
    check_metric_settings,
    cuts_from_yuan,
    cuts_in_yuan,
    load_metric_settings,
    save_metric_settings,
)
from app.services.xlsx_fast import write_xlsx
from tests.services.analytics.shop import build_shop, read_tables, ref_customers


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"r_cuts": "30,90,180,365"}, "r_cuts", "setting_cuts_descending"),
        ({"r_cuts": "365,180,180,30"}, "r_cuts", "setting_cuts_descending"),  # a tie leaves a score empty
        ({"f_cuts": "2,3,4"}, "f_cuts", "setting_cuts_count"),
        ({"f_cuts": "6,4,3,2"}, "f_cuts", "setting_cuts_ascending"),
        ({"m_cuts": "100,-5,300,400"}, "m_cuts", "setting_cuts_number"),
        ({"lost_days": 0}, "lost_days", "setting_range"),
        ({"rfm_window_days": "abc"}, "rfm_window_days", "setting_range"),
        ({"loyal_orders": True}, "loyal_orders", "setting_range"),
        ({"dormant_days": 180}, "dormant_days", "setting_dormant_lost"),
        ({"lost_days": 60}, "dormant_days", "setting_dormant_lost"),  # the default dormant 90 is now too many
        ({"as_of": "2026-02-30"}, "as_of", "setting_bad_date"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(changes, field, code):
    with pytest.raises(SettingInvalid) as info:
        check_metric_settings(DEFAULTS, changes)
    assert (info.value.field, info.value.code) == (field, code)


def test_accepted_values_are_normalised():
    got = check_metric_settings(
        DEFAULTS, {"r_cuts": " 300, 180，90 ,30", "f_cuts": "", "m_cuts": "", "lost_days": "200", "as_of": ""}
    )
    assert (got.r_cuts, got.f_cuts, got.m_cuts, got.lost_days) == ("300,180,90,30", "2,3,4,6", "", 200)
    with pytest.raises(KeyError):
        check_metric_settings(DEFAULTS, {"tier_window_days": 30})  # not an analytics setting


def test_m_cut_points_are_typed_in_yuan_and_stored_in_fen():
    assert cuts_from_yuan("100, 299.5, 800, 2000") == "10000,29950,80000,200000"
    assert cuts_in_yuan("10000,29950,80000,200000") == "100, 299.50, 800, 2000"
    assert cuts_from_yuan("  ") == "" and cuts_in_yuan("") == ""
    with pytest.raises(SettingInvalid) as info:
        cuts_from_yuan("100, 50, 800, 2000")
    assert (info.value.field, info.value.code) == ("m_cuts", "setting_cuts_ascending")


def test_saving_stores_every_change_or_none(store):
    with pytest.raises(SettingInvalid):
        save_metric_settings(store, {"loyal_orders": 3, "r_cuts": "1,2,3,4"})
    assert load_metric_settings(store) == DEFAULTS
    saved = save_metric_settings(store, {"loyal_orders": 3, "r_cuts": "200,100,50,10", "lost_days": 180})
    assert (saved.loyal_orders, saved.r_cuts, saved.lost_days) == (3, "200,100,50,10", 180)
    assert load_metric_settings(store) == saved


def test_applying_settings_saves_then_recomputes_the_layers(store, tmp_path):
    build_shop(store, tmp_path, seed=5, customers=80)
    recompute_scores(store)
    heard = []
    applied = apply_metric_settings(
        store, {"lost_days": 100, "dormant_days": 40}, progress=lambda d, t, s: heard.append((d, t, s))
    )
    assert heard == [(0, 2, "save"), (1, 2, "recompute"), (2, 2, "recompute")]
    assert (applied.settings.lost_days, applied.settings.dormant_days) == (100, 40)
    orders, customers = read_tables(store)
    ref = ref_customers(orders, customers, latest_as_of(store))
    buyers = ref[ref["n_valid"] > 0]
    assert applied.analysis.layers["lost"] == int((buyers["r"] > 100).sum())
    assert applied.analysis.layers["dormant"] == int(buyers["r"].between(41, 100).sum())
    assert shop_view(store).layers == applied.analysis.layers  # what the page reads: the stored scores


def test_list_rows_naming_nobody_are_counted_by_reason(store, tmp_path):
    rows = [("买家昵称", "手机号", "姓名"), ("甲", "", ""), ("乙", "13912345678", ""), ("甲", "", ""),
            ("", "139****5678", ""), ("", "1391234", ""), ("", "", "只有名字"), ("", "", "")]  # fmt: skip
    res = import_customer_list(store, write_xlsx(tmp_path / "fav.xlsx", rows), "favourite", "douyin")
    assert (res.rows, res.created, res.skipped, res.repeated) == (6, 2, 3, 1)
    assert res.rejected == {"list_masked_phone": 2, "list_no_identity": 1}


def test_the_page_reads_aipl_intervals_and_the_default_period(store, tmp_path):
    build_shop(store, tmp_path, seed=6, customers=60)
    followers = write_xlsx(tmp_path / "f.xlsx", [("粉丝昵称",), ("新粉丝",), ("另一个",)])
    import_customer_list(store, followers, "follower", "taobao")
    recompute_scores(store)
    view, as_of = shop_view(store), latest_as_of(store)
    with store.engine.connect() as conn:
        assert view.aipl == analyse(conn, DEFAULTS, frame=False).aipl
        assert view.intervals == repurchase_intervals(conn, scope_of(as_of))
    assert view.aipl["A"] == 2 and view.aipl["I"] is None
    assert period_view(store, None).preset == "30"
    save_metric_settings(store, {"kpi_period_days": 45})
    default = period_view(store, None)
    assert default.preset == "45" and default.report.period.days == 45
    assert default.report.period.end == as_of and period_view(store, "7").report.period.days == 7


def test_automatic_cut_points_ignore_the_owners_own(store, tmp_path):
    from app.services.analytics.dashboard import automatic_cut_points, current_cut_points

    build_shop(store, tmp_path, seed=4, customers=50)
    recompute_scores(store)
    auto = current_cut_points(store)
    save_metric_settings(store, {"r_cuts": "400,300,200,100", "m_cuts": "100,200,300,400"})
    recompute_scores(store)
    assert current_cut_points(store).r == (400, 300, 200, 100)
    assert automatic_cut_points(store) == auto  # the same orders: the same automatic thresholds
    assert pd.Series(auto.r).is_monotonic_decreasing and pd.Series(auto.m).is_monotonic_increasing
