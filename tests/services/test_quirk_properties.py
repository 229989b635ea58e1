"""Property tests: order ids and amounts survive every formatting quirk of formats.md §0."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import Order
from app.services.importer import import_file
from app.services.values import parse_id, parse_money, phone_tail
from tests.helpers import TAOBAO_ORDER_HEADER, taobao_row, write_csv, write_taobao_xlsx

ids = st.integers(min_value=10**15, max_value=10**19 - 1).map(str)
fens = st.integers(min_value=0, max_value=10**9)
ID_QUIRKS = [
    lambda s: s,
    lambda s: f'="{s}"',
    lambda s: "\t" + s,
    lambda s: "'" + s,
    lambda s: s + ".0",
    lambda s: f" {s}\t",
    lambda s: f'="{s}"\t',
]


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


MONEY_QUIRKS = [
    lambda f: yuan(f),
    lambda f: "¥" + yuan(f),
    lambda f: "￥" + yuan(f),
    lambda f: yuan(f) + "元",
    lambda f: f"{f // 100:,}.{f % 100:02d}",
    lambda f: "\t" + yuan(f),
    lambda f: yuan(f) + "（系统计算中，该值仅供参考）",
    lambda f: f" ¥ {f // 100:,}.{f % 100:02d} ",
]


@given(ids, st.sampled_from(ID_QUIRKS))
def test_ids_survive_quirks(order_id, quirk):
    assert parse_id(quirk(order_id)) == order_id


@given(fens, st.sampled_from(MONEY_QUIRKS))
def test_amounts_survive_quirks(fen, quirk):
    assert parse_money(quirk(fen)) == fen


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(ids, fens, st.sampled_from(ID_QUIRKS), st.sampled_from(MONEY_QUIRKS)),
        min_size=1,
        max_size=25,
        unique_by=lambda t: t[0],
    ),
    st.sampled_from(["xlsx", "csv-gbk", "csv-utf8"]),
)
def test_a_whole_file_of_quirky_cells_lands_exactly(tmp_path_factory, rows, kind):
    from app.models.db import open_store

    folder = tmp_path_factory.mktemp("quirks")
    store = open_store(folder / "s.sqlite")
    data = [taobao_row(qid(i), paid=qm(f), total=qm(f)) for i, f, qid, qm in rows]
    if kind == "csv-gbk":  # '¥' (U+00A5) has no GBK code; Taobao's GBK files use the full-width '￥'
        data = [[v.replace("¥", "￥") if isinstance(v, str) else v for v in r] for r in data]
    if kind == "xlsx":
        path = write_taobao_xlsx(folder / "q.xlsx", data)
    else:
        enc = "gbk" if kind == "csv-gbk" else "utf-8-sig"
        path = write_csv(folder / "q.csv", TAOBAO_ORDER_HEADER, data, encoding=enc)
    res = import_file(store, path, backup=False)
    assert res.rejected == ()
    with store.session_factory() as s:
        stored = dict(s.execute(select(Order.order_no, Order.paid_fen)).all())
    assert stored == {i: f for i, f, _, _ in rows}
    store.dispose()


@given(st.text(alphabet="0123456789*- a²١５", max_size=14))
def test_a_phone_tail_is_four_trailing_digits_or_nothing(text):
    tail = phone_tail(text)
    if tail:
        assert text.endswith(tail) and len(tail) == 4
        assert all(unicodedata.category(ch) == "Nd" for ch in tail)  # what \d matches
    else:
        assert len(text) < 4 or any(unicodedata.category(ch) != "Nd" for ch in text[-4:])


def test_phone_tails_of_the_usual_forms():
    assert [phone_tail(p) for p in ("138****1234", "13812345678", "86-139 1234 5678", "１３８５６７８")] == [
        "1234", "5678", "5678", "５６７８"
    ]  # fmt: skip
    assert [phone_tail(p) for p in ("", "123", "139****56 7", "12*4", "²234")] == [""] * 5
