"""Save a PNG of every page of the window with the demo shop loaded, to look at layout and translation.

    python scripts/screenshots.py --lang zh_CN --out screenshots/

Builds the demo shop in a temporary store (and a temporary data folder), opens the real window
offscreen and grabs: overview, import (pick, preview, result, history), orders, customers with a
selected customer, the merge queue, the analytics dashboard, segments, the customer's scores, the
members with an evaluation preview, a coupon plan, a member's card,
the settings dialog and the first-run welcome page.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = (1280, 800)
SAMPLE_RULES = {
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


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lang", default="zh_CN", choices=("en", "zh_CN"))
    p.add_argument("--out", default="screenshots", type=Path)
    p.add_argument("--customers", default=800, type=int, help="demo shop size")
    return p.parse_args(argv)


class Shooter:
    def __init__(self, app, out: Path, lang: str) -> None:
        self.app, self.out, self.lang, self.saved = app, out, lang, []

    def settle(self) -> None:
        from app.ui.tasks import wait_all

        for _ in range(3):
            wait_all()
            self.app.processEvents()

    def save(self, widget, name: str) -> None:
        self.settle()
        path = self.out / f"{name}_{self.lang}.png"
        widget.grab().save(str(path))
        self.saved.append(path)


def shoot_pages(s: Shooter, window, sample: Path) -> None:
    from app.ui.main_window import CUSTOMERS, IMPORT, ORDERS, OVERVIEW

    window.nav.setCurrentRow(OVERVIEW)
    s.save(window, "01_overview")
    window.nav.setCurrentRow(IMPORT)
    s.save(window, "02_import_pick")
    window.import_files([str(sample)])
    s.save(window, "03_import_preview")
    window.import_page.wizard.start_import()
    s.save(window, "04_import_result")
    window.import_page.tabs.setCurrentIndex(1)
    s.save(window, "05_import_history")
    window.nav.setCurrentRow(ORDERS)
    s.save(window, "06_orders")
    window.nav.setCurrentRow(CUSTOMERS)
    s.settle()
    window.customers.table.selectRow(0)
    s.save(window, "07_customers_detail")
    window.customers.tabs.setCurrentIndex(1)
    s.save(window, "08_merge_queue")


def shoot_analytics(s: Shooter, window) -> None:
    from PySide6.QtWidgets import QScrollArea

    from app.ui.main_window import ANALYTICS, CUSTOMERS, SEGMENTS

    window.nav.setCurrentRow(ANALYTICS)
    window.analytics.set_period("90")
    while window.analytics._jobs:  # the charts are drawn one per turn of the event loop
        s.app.processEvents()
    s.save(window, "11_dashboard")
    window.analytics.findChild(QScrollArea).verticalScrollBar().setValue(10_000)
    s.save(window, "11b_dashboard_charts")
    _shoot_analytics_dialogs(s, window)
    window.nav.setCurrentRow(SEGMENTS)
    page = window.segments
    page.builder.set_tree(SAMPLE_RULES)
    page.save_as("近期高消费")
    page.update_count()
    s.settle()
    page.table.selectRow(0)
    s.save(window, "12_segments")
    window.nav.setCurrentRow(CUSTOMERS)
    window.customers.tabs.setCurrentIndex(0)
    s.settle()
    window.customers.table.selectRow(0)
    window.customers.detail.tabs.setCurrentIndex(3)
    s.save(window, "13_customer_scores")


def _shoot_analytics_dialogs(s: Shooter, window) -> None:
    """AIPL without lists, the metric settings, a follower list imported, AIPL with it."""
    from PySide6.QtWidgets import QScrollArea

    from app.services.xlsx_fast import write_xlsx

    page, scroll = window.analytics, window.analytics.findChild(QScrollArea)
    scroll.ensureWidgetVisible(page.charts["aipl"], 0, 0)
    s.save(window, "11c_dashboard_aipl_no_lists")
    dialog = page.open_metric_settings()
    s.save(dialog, "11d_metric_settings")
    dialog.close()
    with window.ctx.store.engine.connect() as conn:
        nicks = [r[0] for r in conn.exec_driver_sql(
            "SELECT value FROM customer_identities WHERE kind = 'buyer' AND platform = 'taobao' LIMIT 60"
        )]  # fmt: skip
    rows = [("粉丝昵称", "手机号"), *[(n, "") for n in nicks], *[(f"新粉丝{i}", "") for i in range(40)]]
    dialog = page.open_customer_list()
    dialog.platform.setCurrentIndex(dialog.platform.findData("taobao"))
    dialog.path.setText(str(write_xlsx(s.out / "followers_list.xlsx", [*rows, ("", "138****0000")])))
    dialog.start_import()
    s.save(dialog, "11e_customer_list_result")
    dialog.close()
    (s.out / "followers_list.xlsx").unlink()
    page.refresh()
    while page._jobs or page._waiting:
        s.app.processEvents()
    scroll.ensureWidgetVisible(page.charts["aipl"], 0, 0)
    s.save(window, "11f_dashboard_aipl_followers")


def shoot_membership(s: Shooter, window) -> None:
    """Three tiers, every customer enrolled, an evaluation preview, a coupon plan issued, a member card."""
    from datetime import datetime

    from PySide6.QtCore import QDate

    from app.services.membership.members import enrol
    from app.services.membership.tier_rules import TierSpec
    from app.services.membership.tiers import save_tiers
    from app.ui.main_window import COUPONS, CUSTOMERS, MEMBERS

    store = window.ctx.store
    save_tiers(
        store,
        [
            TierSpec(None, 1, "普通会员", threshold=0, benefits="生日券"),
            TierSpec(
                None, 2, "银卡会员", threshold=50000, keep_threshold=30000, discount_pct=95, benefits="95折"
            ),
            TierSpec(
                None,
                3,
                "金卡会员",
                threshold=200000,
                keep_threshold=120000,
                discount_pct=90,
                points_multiplier_pct=150,
                benefits="9折, 1.5倍积分, 优先发货",
            ),  # fmt: skip
        ],
    )
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM customers ORDER BY id")]
    enrol(store, ids, since=datetime(2025, 1, 1))
    window.ctx.data_changed.emit()
    window.nav.setCurrentRow(MEMBERS)
    s.settle()
    window.members.as_of.setDate(QDate.currentDate().addDays(30))
    window.members.preview_button.click()
    s.save(window, "14_members")
    for index, name in ((1, "14b_members_rules"), (2, "14c_member_lists")):
        window.members.tabs.setCurrentIndex(index)
        s.save(window, name)
    window.members.tabs.setCurrentIndex(0)
    window.nav.setCurrentRow(COUPONS)
    page = window.coupons
    page.name.setText("满300减30 回购券")
    page.kind.setCurrentIndex(page.kind.findData("threshold"))
    page.value.setValue(30)
    page.threshold.setValue(300)
    page.issue_button.click()
    s.save(window, "15_coupons")
    window.nav.setCurrentRow(CUSTOMERS)
    window.customers.tabs.setCurrentIndex(0)
    s.settle()
    window.customers.table.selectRow(0)
    detail = window.customers.detail
    detail.tabs.setCurrentWidget(detail.member_card)
    shoot_member_card(s, window, detail.member_card)


def shoot_member_card(s: Shooter, window, card) -> None:
    """The card after a top-up, a spending and an adjustment; the top-up dialog; a statement and its PDF."""
    from app.services.membership import points, stored_value
    from app.services.membership.rules import load_rules
    from app.ui.dialogs.member_dialogs import TopUpDialog
    from app.ui.printing import save_pdf

    store, cid = window.ctx.store, card.customer_id
    window.ctx.set_setting("shop_name", "小满的店")
    points.adjust(store, cid, 200, "生日礼")
    stored_value.top_up(store, cid, 100000, "微信转账 0412")
    stored_value.spend(store, cid, 25800, "订单 3721")
    card.load(cid)
    card.coupons.setCurrentRow(0)
    s.save(window, "16_customer_membership")
    dialog = TopUpDialog(card.card.stored_value_fen, load_rules(store), window)
    dialog.paid.setValue(1000)
    dialog.show()
    s.save(dialog, "17_topup_dialog")
    dialog.close()
    for kind, name in (("points", "18_points_statement"), ("value", "19_value_statement")):
        card.show_statement(kind)
        card.preview.resize(900, 760)
        s.save(card.preview, name)
        save_pdf(card.preview.html, s.out / f"{name}_{s.lang}.pdf")
        card.preview.close()


def shoot_settings(s: Shooter, window) -> None:
    from app.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    dialog.show()
    s.save(dialog, "09_settings")
    dialog.close()


def shoot_welcome(s: Shooter, tmp: Path) -> None:
    from app.models.db import open_store
    from app.ui.main_window import MainWindow

    store = open_store(tmp / "empty" / "shop.sqlite")
    window = MainWindow(store)
    window.resize(*SIZE)
    window.show()
    s.save(window, "10_first_run")
    window.close()
    store.dispose()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="siyu-shots-"))
    os.environ["SIYU_DATA_DIR"] = str(tmp / "data")
    os.environ["SIYU_LANG"] = args.lang
    from app.bootstrap import init_look, init_qt
    from app.models.db import open_store
    from app.services.demo import build_demo_shop, write_sample_sheet
    from app.ui import i18n, tasks
    from app.ui.main_window import MainWindow

    app = init_qt([])
    init_look(app)
    i18n.install_translators(args.lang)
    tasks.set_inline(True)
    args.out.mkdir(parents=True, exist_ok=True)
    store = open_store(tmp / "store" / "shop.sqlite")
    build_demo_shop(store, customers=args.customers)
    sample = write_sample_sheet(tmp / "淘宝订单导出.xlsx", seed=11, rows=40)
    shooter = Shooter(app, args.out, args.lang)
    window = MainWindow(store)
    window.resize(*SIZE)
    window.show()
    shoot_pages(shooter, window, sample)
    shoot_analytics(shooter, window)
    shoot_membership(shooter, window)
    shoot_settings(shooter, window)
    window.close()
    store.dispose()
    shoot_welcome(shooter, tmp)
    for path in shooter.saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
