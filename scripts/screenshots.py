"""Save a PNG of every page of the window with the demo shop loaded, to look at layout and translation.

    python scripts/screenshots.py --lang zh_CN --out screenshots/

Builds the demo shop in a temporary store (and a temporary data folder), opens the real window
offscreen and grabs: overview, import (pick, preview, result, history), orders, customers with a
selected customer, the merge queue, the settings dialog and the first-run welcome page.
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
    shoot_settings(shooter, window)
    window.close()
    store.dispose()
    shoot_welcome(shooter, tmp)
    for path in shooter.saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
