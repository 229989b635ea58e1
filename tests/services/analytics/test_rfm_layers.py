"""RFM scores, named segments, layers and AIPL recomputed with plain pandas and compared exactly."""

from datetime import date

import pandas as pd
import pytest

from app.services.analytics.recompute import analyse
from app.services.analytics.rfm import SEGMENT_CELLS, SEGMENT_OF_CELL
from app.services.analytics.settings import DEFAULTS, MetricSettings
from tests.services.analytics.shop import (
    read_tables,
    ref_customers,
    ref_f_score,
    ref_layer,
    ref_quintile_scores,
    ref_score,
)

AS_OFS = [
    None,
    date(2026, 3, 15),
    date(2025, 5, 1),
]  # the latest order's day, and two days before some orders


def _analysis(store, as_of, settings: MetricSettings = DEFAULTS):
    with store.engine.connect() as conn:
        return analyse(conn, settings, as_of)


def _reference(store, as_of):
    orders, customers = read_tables(store)
    as_of = as_of or orders["t"].max().date()
    return as_of, ref_customers(orders, customers, as_of)


def test_the_eleven_segments_cover_all_125_cells_exactly_once():
    cells = [c for group in SEGMENT_CELLS.values() for c in group.split()]
    assert len(cells) == 125
    assert sorted(cells) == sorted(
        f"{r}{f}{m}" for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)
    )


@pytest.mark.parametrize("as_of", AS_OFS)
def test_layers_match_pandas(shop, as_of):
    store, _ = shop
    as_of, ref = _reference(store, as_of)
    got = _analysis(store, as_of)
    assert got.as_of == as_of
    expected = ref.apply(ref_layer, axis=1)
    assert set(got.customers.index) == set(ref.index)
    pd.testing.assert_series_equal(
        got.customers["layer"].sort_index(), expected.sort_index(), check_names=False
    )
    assert got.layers == {k: int((expected == k).sum()) for k in got.layers}
    assert sum(got.layers.values()) == len(ref)


@pytest.mark.parametrize("as_of", AS_OFS)
def test_rfm_values_scores_and_segments_match_pandas(shop, as_of):
    store, _ = shop
    as_of, ref = _reference(store, as_of)
    got = _analysis(store, as_of).customers
    buyers = ref[ref["n_valid"] > 0]
    window = buyers[buyers["f"] > 0]
    r_table = ref_quintile_scores(list(window["r"]), higher_is_better=False)
    m_table = ref_quintile_scores(list(window["m"]), higher_is_better=True)
    for cid, row in buyers.iterrows():
        mine = got.loc[cid]
        assert (mine["r"], mine["f"], mine["m"]) == (row.r, row.f, row.m), cid
        scores = (ref_score(row.r, r_table, False), ref_f_score(row.f), ref_score(row.m, m_table, True))
        assert (mine["r_score"], mine["f_score"], mine["m_score"]) == scores, cid
        assert mine["segment"] == SEGMENT_OF_CELL["".join(map(str, scores))]
    assert got.loc[ref.index[ref["n_valid"] == 0], "segment"].isna().all()


def test_as_of_before_some_orders_ignores_them(shop):
    store, _ = shop
    early = _analysis(store, date(2025, 5, 1))
    late = _analysis(store, None)
    assert len(early.customers) < len(late.customers)
    assert early.customers["r"].dropna().min() >= 0


def test_owner_cut_points_replace_the_automatic_ones(shop):
    store, _ = shop
    settings = MetricSettings(r_cuts="300,200,100,30", m_cuts="10000,20000,40000,80000", f_cuts="2,3,5,8")
    got = _analysis(store, None, settings)
    assert got.cuts.r == (300, 200, 100, 30) and not got.cuts.auto_r and not got.cuts.auto_m
    c = got.customers.dropna(subset=["r_score"])
    expected_r = 1 + (c["r"] <= 300).astype(int) + (c["r"] <= 200) + (c["r"] <= 100) + (c["r"] <= 30)
    expected_f = 1 + (c["f"] >= 2).astype(int) + (c["f"] >= 3) + (c["f"] >= 5) + (c["f"] >= 8)
    expected_m = 1 + (c["m"] >= 10000).astype(int) + (c["m"] >= 20000) + (c["m"] >= 40000) + (c["m"] >= 80000)
    assert (c["r_score"] == expected_r).all() and (c["f_score"] == expected_f).all()
    assert (c["m_score"] == expected_m).all()


def test_aipl_without_lists_says_no_data_for_a_and_i(shop):
    store, _ = shop
    as_of, ref = _reference(store, None)
    got = _analysis(store, None)
    buyers = ref[ref["n_valid"] > 0]
    loyal = int((buyers["n365"] >= 2).sum())
    assert got.aipl == {"A": None, "I": None, "P": len(buyers) - loyal, "L": loyal}
