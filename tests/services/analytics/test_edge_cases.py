"""Edge cases through the real importer: one customer, everyone with one order, ties at every cut point,
an as-of date before the orders."""

from datetime import date

import numpy as np
import pandas as pd

from app.services.analytics.recompute import analyse
from app.services.analytics.rfm import SEGMENT_OF_CELL, quintile_cuts
from app.services.analytics.settings import DEFAULTS
from app.services.importer import import_file
from tests.helpers import taobao_row, write_taobao_xlsx
from tests.services.analytics.shop import (
    read_tables,
    ref_customers,
    ref_f_score,
    ref_layer,
    ref_quintile_scores,
    ref_score,
)


def _import(store, tmp_path, orders: list[tuple[str, str, str]]):
    """orders: (nick, 'YYYY-MM-DD', paid yuan), all completed."""
    rows = [
        taobao_row(
            str(5200000000000000000 + i),
            nick=nick,
            paid=paid,
            created=f"{day} 10:00:00",
            paid_at=f"{day} 10:01:00",
            phone=f"137{abs(hash(nick)) % 10**8:08d}",
        )
        for i, (nick, day, paid) in enumerate(orders)
    ]
    import_file(store, write_taobao_xlsx(tmp_path / "o.xlsx", rows), platform="taobao", backup=False)


def _analyse(store, as_of=None):
    with store.engine.connect() as conn:
        return analyse(conn, DEFAULTS, as_of)


def _check_against_reference(store, got):
    orders, customers = read_tables(store)
    ref = ref_customers(orders, customers, got.as_of)
    window = ref[ref["f"] > 0]
    r_tab = ref_quintile_scores(list(window["r"]), False)
    m_tab = ref_quintile_scores(list(window["m"]), True)
    for cid, row in ref.iterrows():
        assert got.customers.loc[cid, "layer"] == ref_layer(row)
        cell = f"{ref_score(row.r, r_tab, False)}{ref_f_score(row.f)}{ref_score(row.m, m_tab, True)}"
        assert got.customers.loc[cid, "segment"] == SEGMENT_OF_CELL[cell]


def test_one_customer(store, tmp_path):
    _import(store, tmp_path, [("solo", "2026-05-01", "99.00")])
    got = _analyse(store)
    assert got.as_of == date(2026, 5, 1)
    row = got.customers.iloc[0]
    assert (row["r"], row["f"], row["m"]) == (0, 1, 9900)
    assert (row["r_score"], row["f_score"], row["m_score"]) == (5, 1, 5) and row["segment"] == "promising"
    assert got.cuts.r == (0, 0, 0, 0) and got.cuts.m == (9900,) * 4
    assert got.layers == {"potential": 0, "lost": 0, "dormant": 0, "loyal": 0, "active": 0, "new": 1}
    _check_against_reference(store, got)


def test_all_customers_with_one_order(store, tmp_path):
    days = pd.date_range("2025-09-01", "2026-05-01", periods=25).strftime("%Y-%m-%d")
    _import(store, tmp_path, [(f"c{i}", d, f"{50 + 10 * i}.00") for i, d in enumerate(days)])
    got = _analyse(store)
    assert (got.customers["f_score"] == 1).all() and (got.customers["n_valid"] == 1).all()
    assert set(got.customers["layer"]) <= {"new", "dormant", "lost"}
    assert got.layers["loyal"] == got.layers["active"] == 0
    _check_against_reference(store, got)


def test_ties_at_every_cut_point(store, tmp_path):
    """Ten distinct R values and ten distinct M values, each shared by three customers."""
    orders = [
        (f"t{k}{j}", f"2026-04-{10 + k:02d}", f"{100 + 20 * k}.00") for k in range(10) for j in range(3)
    ]
    _import(store, tmp_path, orders)
    got = _analyse(store).customers
    by_value = got.groupby("r")["r_score"].nunique()
    assert (by_value == 1).all() and got.groupby("m")["m_score"].nunique().eq(1).all()
    # 10 distinct values: two per score, best first
    assert sorted(got.groupby("r")["r_score"].first().tolist(), reverse=True) == [
        5,
        5,
        4,
        4,
        3,
        3,
        2,
        2,
        1,
        1,
    ]
    assert got["r_score"].value_counts().to_dict() == {5: 6, 4: 6, 3: 6, 2: 6, 1: 6}
    assert _analyse(store).cuts.m == (14000, 18000, 22000, 26000)  # loosest value of scores 2..5
    _check_against_reference(store, _analyse(store))


def test_quintile_cuts_with_fewer_distinct_values_than_scores():
    assert quintile_cuts(np.array([7, 7, 7]), higher_is_better=True) == (7, 7, 7, 7)
    assert quintile_cuts(np.array([100, 200]), higher_is_better=True) == (100, 100, 200, 200)
    assert quintile_cuts(np.array([3, 9]), higher_is_better=False) == (9, 9, 3, 3)
    assert quintile_cuts(np.array([], dtype=int), higher_is_better=True) == (0, 0, 0, 0)


def test_as_of_before_every_order_knows_no_customer(store, tmp_path):
    _import(store, tmp_path, [("a", "2026-05-01", "10.00"), ("b", "2026-05-03", "20.00")])
    early = _analyse(store, date(2026, 4, 30))
    assert early.customers.empty and sum(early.layers.values()) == 0
    middle = _analyse(store, date(2026, 5, 2))
    assert len(middle.customers) == 1 and middle.customers.iloc[0]["r"] == 1
