"""Snapshots after every import and undo, the `analyze` command, customer lists (AIPL) and settings."""

import json
import shutil

import pandas as pd
from sqlalchemy import select

from app.cli import main
from app.models import CustomerScore, SegmentSnapshot
from app.paths import resource_path
from app.services.analytics.aipl import TEMPLATE_HEADER, import_customer_list
from app.services.analytics.recompute import analyse, recompute_scores
from app.services.analytics.segments import save_segment
from app.services.analytics.settings import DEFAULTS, load_metric_settings, save_metric_setting
from app.services.analytics.snapshots import movements, record_snapshots, snapshot_history
from app.services.importer import undo_import
from app.services.readers import open_sheets
from app.services.xlsx_fast import write_xlsx
from tests.services.analytics.shop import build_shop, read_tables, ref_customers, ref_layer


def _layer_sizes(store, batch_id) -> dict[str, int]:
    with store.session_factory() as s:
        rows = s.execute(
            select(SegmentSnapshot.key, SegmentSnapshot.size)
            .where(SegmentSnapshot.batch_id == batch_id, SegmentSnapshot.kind == "layer")
            .order_by(SegmentSnapshot.id)
        ).all()
    return dict(rows)  # the latest snapshot of the batch wins


def test_every_import_and_undo_records_sizes_and_movements(store, tmp_path):
    first, second = build_shop(store, tmp_path, seed=3, customers=120)
    orders, customers = read_tables(store)
    ref = ref_customers(orders, customers, orders["t"].max().date())
    expected = ref.apply(ref_layer, axis=1).value_counts().to_dict()
    after_second = _layer_sizes(store, second.batch_id)
    assert {k: v for k, v in after_second.items() if v} == expected
    after_first = _layer_sizes(store, first.batch_id)
    assert movements(store, first.batch_id) == {("none", k): v for k, v in after_first.items() if v}
    moved = movements(store, second.batch_id)
    for layer in after_second:
        inflow = sum(n for (f, t), n in moved.items() if t == layer)
        outflow = sum(n for (f, t), n in moved.items() if f == layer)
        assert after_second[layer] == after_first[layer] + inflow - outflow
    assert sum(n for (f, _), n in moved.items() if f == "none") == second.customers_new
    undo_import(store, second.batch_id, backup=False)
    assert _layer_sizes(store, second.batch_id) == after_first  # back to the state after the first import
    history = snapshot_history(store, "layer")
    assert len(history) == 3 and list(history.iloc[-1][list(after_first)]) == list(after_first.values())


def test_saved_segments_are_snapshotted_and_scores_stored(store, tmp_path):
    sid = save_segment(store, "big", {"field": "spend", "cmp": ">=", "value": 30000})
    build_shop(store, tmp_path, seed=4, customers=60)
    with store.session_factory() as s:
        sizes = (
            s.execute(
                select(SegmentSnapshot.size).where(
                    SegmentSnapshot.kind == "segment", SegmentSnapshot.key == str(sid)
                )
            )
            .scalars()
            .all()
        )
        stored = dict(s.execute(select(CustomerScore.customer_id, CustomerScore.layer)).all())
    _, customers = read_tables(store)
    with store.engine.connect() as conn:
        spend = pd.read_sql("SELECT net_spend_fen FROM customers", conn)["net_spend_fen"]
        fresh = analyse(conn, DEFAULTS)
    assert sizes[-1] == int((spend >= 30000).sum()) and len(sizes) == 2
    assert stored == fresh.customers["layer"].to_dict()


def _analyze_json(capsys, db, *extra) -> dict:
    assert main(["analyze", "--json", "--db", str(db), *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_analyze_command_prints_counts_cut_points_and_clv(store, tmp_path, capsys):
    build_shop(store, tmp_path, seed=8, customers=200)
    data = _analyze_json(capsys, store.path)
    with store.engine.connect() as conn:
        fresh = analyse(conn, DEFAULTS)
    assert data["layers"] == fresh.layers and data["rfm_segments"] == fresh.segments
    assert data["cut_points"]["f_min_orders"] == [2, 3, 4, 6] and len(data["cut_points"]["r_max_days"]) == 4
    assert set(data["kpis"]["current"]) >= {"gmv_fen", "net_sales_fen", "aov_fen", "repurchase_rate"}
    assert data["clv"]["shown"] is False and data["clv"]["reason"] == "clv_too_few_repeat"
    assert "bought again" in data["clv"]["message"]
    save_metric_setting(store, "clv_min_repeat_customers", 20)
    data = _analyze_json(capsys, store.path)
    clv = data["clv"]
    assert clv["shown"] is True and set(clv["bgnbd"]) == {"r", "alpha", "a", "b"}
    assert set(clv["gammagamma"]) == {"p", "q", "gamma"}
    assert all(v > 0 for v in [*clv["bgnbd"].values(), *clv["gammagamma"].values()])
    earlier = _analyze_json(capsys, store.path, "--as-of", "2025-12-31")
    assert earlier["as_of"] == "2025-12-31" and earlier["customers"] < data["customers"]
    assert main(["analyze", "--db", str(store.path)]) == 0
    assert "BG/NBD" in capsys.readouterr().out


def _stored_predictions(store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        return pd.read_sql(
            "SELECT customer_id, p_alive, expected_90, expected_365, value_365_fen FROM customer_scores "
            "WHERE layer <> 'potential' ORDER BY customer_id",
            conn,
        )


def test_predicted_values_are_stored_kept_and_cleared(store, tmp_path):
    build_shop(store, tmp_path, seed=8, customers=200)
    assert _stored_predictions(store)["p_alive"].isna().all()  # the import hook does not fit the models
    save_metric_setting(store, "clv_min_repeat_customers", 20)
    recompute_scores(store)
    scores = _stored_predictions(store)
    assert scores["p_alive"].between(0, 1).all() and (scores["expected_365"] >= scores["expected_90"]).all()
    assert scores["value_365_fen"].notna().all()
    record_snapshots(store, None)  # what every import does: predictions stay as they were
    pd.testing.assert_frame_equal(_stored_predictions(store), scores)
    save_metric_setting(store, "clv_min_repeat_customers", 100000)
    recompute_scores(store)  # the gate fails now: no predicted value is shown or kept
    assert _stored_predictions(store)[["p_alive", "value_365_fen"]].isna().all().all()


def test_settings_round_trip_and_defaults_remove_the_row(store):
    assert load_metric_settings(store) == DEFAULTS
    assert save_metric_setting(store, "lost_days", 200).lost_days == 200
    assert save_metric_setting(store, "m_cuts", "100,200,300,400").m_cuts == "100,200,300,400"
    assert save_metric_setting(store, "lost_days", 180) == DEFAULTS.__class__(m_cuts="100,200,300,400")


def test_customer_lists_fill_a_and_i(store, tmp_path):
    build_shop(store, tmp_path, seed=9, customers=40)
    template = tmp_path / "followers.xlsx"
    shutil.copy(resource_path("templates", "generic_customer_list.xlsx"), template)
    assert tuple(open_sheets(template)[0].head(1)[0]) == TEMPLATE_HEADER
    rows = [
        TEMPLATE_HEADER,
        ("", "tb_1", "", "", "2026-01-02"),
        ("", "", "13911112222", "新粉丝", ""),
        ("", "粉丝甲", "", "", ""),
        ("", "", "", "只有名字", ""),
    ]
    res = import_customer_list(store, write_xlsx(template, rows), "follower", platform="taobao")
    assert (res.rows, res.matched, res.created, res.skipped) == (4, 1, 2, 1)
    with store.engine.connect() as conn:
        aipl = analyse(conn, DEFAULTS).aipl
    assert aipl["A"] == 2 and aipl["I"] is None
    members = write_xlsx(tmp_path / "members.xlsx", [("会员昵称", "会员手机号"), ("粉丝甲", "")])
    import_customer_list(store, members, "member", platform="taobao")
    with store.engine.connect() as conn:
        aipl = analyse(conn, DEFAULTS).aipl
    assert aipl["A"] == 1 and aipl["I"] == 1 and aipl["P"] + aipl["L"] > 0
