"""Enrolment, the member-list template, the programme's totals and the `members` / `coupons` verbs."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from app.services.membership import coupons, points, stored_value
from app.services.membership.members import (
    MEMBER_TEMPLATE_HEADER,
    enrol,
    import_member_list,
    member_card,
    members_summary,
)
from app.services.membership.tier_rules import TierSpec
from app.services.membership.tiers import save_tiers
from app.services.xlsx_fast import write_xlsx
from tests.services.membership.shop import TbOrder, customer, customer_id, import_tb

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = ROOT / "resources" / "templates" / "members_template.xlsx"


def test_the_shipped_template_has_the_documented_header_and_one_example_row():
    rows = list(load_workbook(TEMPLATE, read_only=True).active.iter_rows(values_only=True))
    assert tuple(rows[0]) == MEMBER_TEMPLATE_HEADER
    assert len(rows) == 2
    assert "members_template.xlsx" in (TEMPLATE.parent / "README.md").read_text(encoding="utf-8")


def test_a_member_list_enrols_known_and_new_people_with_their_join_date(store, tmp_path):
    import_tb(store, tmp_path / "a.xlsx", [TbOrder("7000000000000001", "alice", 30000)])
    alice = customer_id(store, "alice")
    enrol(store, [alice], since=datetime(2025, 1, 1))
    listed = write_xlsx(
        tmp_path / "members.xlsx",
        [
            MEMBER_TEMPLATE_HEADER,
            ("", "alice", "", "", "2026-02-01"),  # already a member: keeps her date
            ("", "newbie", "13900000077", "王五", "2026-03-01"),
            ("", "", "", "nobody", ""),  # nothing to identify: skipped
        ],
    )
    res = import_member_list(store, listed, platform="taobao")
    assert (res.enrolled, res.already_members, res.created, res.skipped) == (1, 1, 1, 1)
    assert customer(store, alice).member_since == datetime(2025, 1, 1)
    newbie = customer_id(store, "newbie")
    assert (customer(store, newbie).is_member, customer(store, newbie).member_since) == (
        True,
        datetime(2026, 3, 1),
    )
    assert points.redeem(store, alice, 100) == 200  # alice earned on enrolment


def _run_cli(*args):
    env = {**os.environ, "SIYU_LANG": "en"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_members_and_coupons_verbs_print_the_programme_as_json(store, tmp_path):
    save_tiers(store, [TierSpec(None, 1, "普通", threshold=0), TierSpec(None, 2, "银卡", threshold=20000)])
    import_tb(
        store,
        tmp_path / "a.xlsx",
        [
            TbOrder("7100000000000001", "alice", 30000),
            TbOrder("7100000000000002", "bob", 5000),
            TbOrder("7100000000000003", "carl", 100),
        ],
    )
    alice, bob = customer_id(store, "alice"), customer_id(store, "bob")
    enrol(store, [alice, bob])
    stored_value.top_up(store, bob, 100000)
    plan = coupons.create_plan(store, coupons.PlanSpec("无门槛5元", "fixed", value_fen=500, valid_days=7))
    coupons.issue_plan(store, plan)
    summary = members_summary(store)
    assert (summary.members, summary.points_outstanding, summary.stored_value_outstanding_fen) == (
        2,
        350,
        110000,
    )
    data = _run_cli("members", "--json", "--db", store.path)
    assert data == {
        "customers": 3,
        "members": 2,
        "tiers": [{"tier_id": 2, "name": "银卡", "members": 1}, {"tier_id": 1, "name": "普通", "members": 1}],
        "points_outstanding": 350,
        "stored_value_outstanding_fen": 110000,
    }
    data = _run_cli("coupons", "--json", "--db", store.path)
    assert data == {
        "plans": [
            {
                "plan_id": plan,
                "name": "无门槛5元",
                "kind": "fixed",
                "issued": 2,
                "redeemed": 0,
                "rate": 0.0,
                "revenue_fen": 0,
            }
        ]
    }


def test_the_member_card_shows_tier_points_balance_and_coupons_held(store, tmp_path):
    save_tiers(store, [TierSpec(None, 1, "银卡", threshold=0, discount_pct=95)])
    import_tb(store, tmp_path / "a.xlsx", [TbOrder("7200000000000001", "alice", 12000)])
    alice = customer_id(store, "alice")
    assert member_card(store, alice).is_member is False
    enrol(store, [alice], since=datetime(2026, 1, 1))
    stored_value.top_up(store, alice, 5000)
    plan = coupons.create_plan(store, coupons.PlanSpec("无门槛5元", "fixed", value_fen=500, valid_days=7))
    code = coupons.issue_plan(store, plan, at=datetime(2026, 5, 1)).codes[0]
    card = member_card(store, alice)
    assert (card.tier, card.discount_pct, card.points, card.stored_value_fen) == ("银卡", 95, 120, 5000)
    assert card.member_since == datetime(2026, 1, 1)
    assert [(c.code, c.plan, c.expires_at, c.redeemed_at) for c in card.coupons] == [
        (code, "无门槛5元", datetime(2026, 5, 8), None)
    ]
    assert member_card(store, 9999) is None
