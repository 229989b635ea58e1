"""Customer identity (metrics.md): buyer id per platform, full phone across platforms, masked never merges."""

from hypothesis import given, settings
from hypothesis import strategies as hs
from sqlalchemy import select

from app.models import Customer, CustomerIdentity, MergeSuggestion
from app.services.customers_sync import buyer_key_columns, buyer_keys
from app.services.importer import import_file, undo_import
from tests.helpers import taobao_row, write_csv, write_taobao_xlsx

# JD current layout, the columns the importer maps (formats.md §4.2)
JD_HEADER = [
    "订单号",
    "商品ID",
    "商品名称",
    "订购数量",
    "下单时间",
    "京东价",
    "订单金额",
    "商家应收",
    "应付金额",
    "订单状态",
    "下单帐号",
    "客户姓名",
    "客户地址",
    "联系电话",
    "运费金额",
    "付款确认时间",
    "订单完成时间",
]


def jd_row(
    no, account, phone, name="李四", address="广东省深圳市南山区科技园1号", paid="59.00", status="完成"
):
    return [
        no,
        "100012",
        "红茶 100g",
        "1",
        "2026-04-01 09:00:00",
        paid,
        paid,
        paid,
        paid,
        status,
        account,
        name,
        address,
        phone,
        "0.00",
        "2026-04-01 09:01:00",
        "2026-04-05 12:00:00",
    ]


def _customers(store):
    with store.session_factory() as s:
        return s.execute(select(Customer).order_by(Customer.id)).scalars().all()


def test_full_phone_merges_across_platforms_and_buyer_ids_within_one(store, tmp_path):
    import_file(
        store,
        write_taobao_xlsx(
            tmp_path / "tb.xlsx",
            [
                taobao_row("5121910154426014049", nick="茶友小王", phone="13812345678"),
                taobao_row("5121910154426014050", nick="茶友小王", phone="13700000000"),
            ],
        ),
    )
    import_file(
        store, write_csv(tmp_path / "jd.csv", JD_HEADER, [jd_row("300000000001", "jd_wang", "13812345678")])
    )
    customers = _customers(store)
    assert len(customers) == 1
    c = customers[0]
    assert (c.order_count, c.platforms, c.net_spend_fen) == (3, "jd,taobao", 9900 * 2 + 5900)
    with store.session_factory() as s:
        keys = set(
            s.execute(select(CustomerIdentity.kind, CustomerIdentity.platform, CustomerIdentity.value)).all()
        )
    assert keys == {
        ("buyer", "taobao", "茶友小王"),
        ("phone", "", "13812345678"),
        ("phone", "", "13700000000"),
        ("buyer", "jd", "jd_wang"),
    }


def test_masked_phone_never_merges_but_name_tail_city_suggests(store, tmp_path):
    rows = [
        jd_row("300000000001", "", "1******6198"),
        jd_row("300000000002", "", "1******6198"),
        jd_row("300000000003", "", "1******6198", name="王五"),
    ]
    res = import_file(store, write_csv(tmp_path / "jd.csv", JD_HEADER, rows))
    customers = _customers(store)
    assert len(customers) == 3 and res.customers_new == 3
    assert {c.city for c in customers} == {"深圳市"}
    with store.session_factory() as s:
        suggestions = s.execute(select(MergeSuggestion)).scalars().all()
    assert len(suggestions) == 1
    pair = {suggestions[0].customer_a_id, suggestions[0].customer_b_id}
    by_id = {c.id: c for c in customers}
    assert {by_id[i].display_name for i in pair} == {"李四"}
    assert suggestions[0].reason == "same_name_tail_city:李四|6198|深圳市"
    undo_import(store, res.batch_id)
    with store.session_factory() as s:
        assert s.execute(select(MergeSuggestion)).scalars().all() == []
    assert _customers(store) == []


_PHONEISH = hs.sampled_from(["", "13900002222", "13900003333", "139****2222", "1390000222", "139000022221"])


@settings(max_examples=200, deadline=None)
@given(
    hs.lists(
        hs.tuples(hs.sampled_from(["", "tb1", "tb2"]), hs.sampled_from(["", "alice"]), _PHONEISH, _PHONEISH)
    )
)
def test_buyer_keys_from_columns_are_each_orders_buyer_keys(orders):
    columns = [list(c) for c in zip(*orders, strict=True)] if orders else [[], [], [], []]
    expected = [buyer_keys("taobao", *order) for order in orders]
    assert buyer_key_columns("taobao", *columns) == expected
