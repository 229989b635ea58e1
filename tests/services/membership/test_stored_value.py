"""Stored value (购物金): bonus top-ups, spending, refunds of spending, balance = ledger sum."""

import pytest

from app.services.membership import stored_value as sv
from app.services.membership.messages import MembershipError
from app.services.membership.rules import save_rules
from app.services.membership.statements import stored_value_statement
from tests.services.membership.shop import TbOrder, customer, customer_id, import_tb


@pytest.fixture
def cid(store, tmp_path):
    import_tb(store, tmp_path / "a.xlsx", [TbOrder("6000000000000001", "alice", 1000)])
    return customer_id(store, "alice")


def test_pay_1000_get_1100_and_the_largest_step_reached_applies_once(store, cid):
    save_rules(store, stored_value_bonus="[[50000, 3000], [100000, 10000]]")
    assert sv.top_up(store, cid, 100000, "wx-001") == sv.TopUp(100000, 10000, 110000)
    assert sv.top_up(store, cid, 60000).bonus_fen == 3000
    assert sv.top_up(store, cid, 20000).bonus_fen == 0
    assert customer(store, cid).stored_value_fen == 110000 + 63000 + 20000


def test_spending_and_refunds_of_spending_never_exceed_what_is_there(store, cid):
    sv.top_up(store, cid, 100000)
    spent = sv.spend(store, cid, 30000, "order 1")
    with pytest.raises(MembershipError) as err:
        sv.spend(store, cid, 90000)
    assert err.value.code == "stored_value_insufficient"
    assert sv.refund_spend(store, spent, 10000) == 90000
    with pytest.raises(MembershipError) as err:
        sv.refund_spend(store, spent, 20001)
    assert (err.value.code, err.value.params["left"]) == ("refund_exceeds_spend", 20000)
    assert sv.refund_spend(store, spent) == 110000  # the rest of it
    with pytest.raises(MembershipError):
        sv.refund_spend(store, spent, 1)
    lines = stored_value_statement(store, cid)
    assert [(ln.kind, ln.amount_fen, ln.balance_fen) for ln in lines] == [
        ("topup", 100000, 100000),
        ("bonus", 10000, 110000),
        ("spend", -30000, 80000),
        ("refund", 10000, 90000),
        ("refund", 20000, 110000),
    ]
    assert customer(store, cid).stored_value_fen == lines[-1].balance_fen


def test_amounts_must_be_positive_and_customers_real(store, cid):
    for call in (lambda: sv.top_up(store, cid, 0), lambda: sv.spend(store, cid, -5)):
        with pytest.raises(MembershipError) as err:
            call()
        assert err.value.code == "amount_not_positive"
    with pytest.raises(MembershipError) as err:
        sv.top_up(store, 999, 100)
    assert err.value.code == "no_such_customer"


def test_spendings_list_what_each_spending_can_still_give_back(store, cid):
    sv.top_up(store, cid, 50000)
    first = sv.spend(store, cid, 20000, "order 1")
    second = sv.spend(store, cid, 5000, "order 2")
    sv.refund_spend(store, first, 7000)
    found = {s.id: (s.amount_fen, s.refundable_fen, s.reference) for s in sv.spendings(store, cid)}
    assert found == {first: (20000, 13000, "order 1"), second: (5000, 5000, "order 2")}
    sv.refund_spend(store, second)
    assert [s.refundable_fen for s in sv.spendings(store, cid) if s.id == second] == [0]
