"""The import wizard end to end: real-layout files, mapping correction, cancel, rejected rows as xlsx."""

from __future__ import annotations

from openpyxl import load_workbook

from app.ui.import_wizard.import_wizard import PREVIEW, RESULT
from app.ui.main_window import IMPORT
from tests.helpers import TAOBAO_ORDER_HEADER, taobao_row, write_taobao_xlsx
from tests.ui.conftest import copy_fixture, scalar, table_snapshot

STORE_TABLES = (
    "orders",
    "order_lines",
    "customers",
    "customer_identities",
    "import_batches",
    "merge_suggestions",
    "import_rejections",
    "column_mappings",
)


def result_cells(wizard, row: int) -> list[str]:
    t = wizard.result.table
    return [t.item(row, c).text() for c in range(t.columnCount())]


def test_real_layout_file_through_the_wizard_to_the_result_page(window, store, fixtures_dir, tmp_path):
    path = copy_fixture(fixtures_dir, "taobao_excel_resaved.csv", tmp_path)
    window.import_files([str(path)])
    wizard = window.import_page.wizard
    assert window.nav.currentRow() == IMPORT
    assert wizard.stack.currentIndex() == PREVIEW
    preview = wizard.previews[0]
    assert (preview.platform, preview.layout, preview.ready) == ("taobao", "taobao_legacy_order", True)
    assert wizard.preview.platform_combo.currentData() == "taobao"
    assert wizard.preview.rows_table.rowCount() > 0
    assert wizard.preview.import_button.isEnabled()

    wizard.preview.import_button.click()

    assert wizard.stack.currentIndex() == RESULT
    orders = scalar(store, "SELECT count(*) FROM orders")
    rejected = scalar(store, "SELECT count(*) FROM import_rejections")
    assert (orders, rejected) == (4, 2)  # rows 3 and 5 lost their ids to Excel's scientific notation
    cells = result_cells(wizard, 0)
    assert cells[:6] == ["taobao_excel_resaved.csv", "Taobao/Tmall", str(orders), "0", "0", str(rejected)]
    assert wizard.result.save_button.isEnabled()

    out = tmp_path / "rejected.xlsx"
    wizard.result.write_rejections(str(out))
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("File", "Row", "Column", "Reason", "Value")
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [("taobao_excel_resaved.csv", 3, "订单编号")] * 1 + [
        ("taobao_excel_resaved.csv", 5, "订单编号")
    ]
    assert all("scientific notation" in r[3] for r in rows[1:])
    assert "订单编号" in rows[0][5:]  # the original row's cells follow, under the file's own headers


def _renamed_paid_file(path, orders: list[tuple[str, str]]):
    """A Taobao export whose paid column has a header the app does not know."""
    header = ["实收款(元)" if h == "买家实付金额" else h for h in TAOBAO_ORDER_HEADER]
    rows = [taobao_row(no, paid=paid, nick=f"nick{no[-3:]}") for no, paid in orders]
    from app.services.xlsx_fast import write_xlsx

    return write_xlsx(path, [header, *rows], sheet_name="export")


def test_a_corrected_mapping_is_remembered_for_the_next_file_with_the_same_headers(window, store, tmp_path):
    wizard = window.import_page.wizard
    first = _renamed_paid_file(tmp_path / "a.xlsx", [("4100000000000000001", "88.00")])
    window.import_files([str(first)])
    preview = wizard.previews[0]
    assert "paid" in preview.missing_required and not preview.ready
    assert not wizard.preview.import_button.isEnabled()
    assert "Amount paid" in wizard.preview.status.text()

    wizard.preview.mapping.set_column("paid", preview.headers.index("实收款(元)"))  # as the owner picks it
    assert wizard.preview.import_button.isEnabled()
    wizard.preview.import_button.click()
    assert scalar(store, "SELECT paid_fen FROM orders WHERE order_no='4100000000000000001'") == 8800

    second = _renamed_paid_file(tmp_path / "b.xlsx", [("4100000000000000002", "66.50")])
    window.import_files([str(second)])
    again = wizard.previews[0]
    assert again.remembered and again.ready
    assert again.mapping["paid"] == again.headers.index("实收款(元)")
    assert wizard.preview.status.text() == "Using the columns you chose last time for files like this."
    wizard.preview.import_button.click()
    assert scalar(store, "SELECT paid_fen FROM orders WHERE order_no='4100000000000000002'") == 6650


def test_cancel_during_import_leaves_the_store_unchanged(window, store, fixtures_dir, tmp_path, monkeypatch):
    window.import_files([str(copy_fixture(fixtures_dir, "taobao_order.xlsx", tmp_path))])
    wizard = window.import_page.wizard
    wizard.preview.import_button.click()
    before = table_snapshot(store, *STORE_TABLES)
    assert before["orders"]  # something to keep

    big = write_taobao_xlsx(
        tmp_path / "big.xlsx",
        [taobao_row(f"47{i:017d}", nick=f"buyer{i % 3000}", phone=f"139{i:08d}") for i in range(12000)],
    )
    window.import_files([str(big)])
    seen = []
    show = wizard.run.show_progress

    def click_cancel_while_writing(done, total, stage):
        show(done, total, stage)
        seen.append(stage)
        if stage == "write" and wizard.run.cancel_button.isEnabled():
            wizard.run.cancel_button.click()  # the owner's click, between two flushes of the write

    monkeypatch.setattr(wizard.run, "show_progress", click_cancel_while_writing)
    wizard.preview.import_button.click()

    assert "write" in seen  # it was cancelled mid-write, not before starting
    assert wizard.stack.currentIndex() == RESULT
    assert result_cells(wizard, 0)[6] == "The import was cancelled; nothing was changed."
    assert table_snapshot(store, *STORE_TABLES) == before


def test_dropping_a_file_on_the_window_opens_its_preview(window, fixtures_dir, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = copy_fixture(fixtures_dir, "douyin.csv", tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    event = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    wizard = window.import_page.wizard
    assert window.nav.currentRow() == IMPORT and wizard.stack.currentIndex() == PREVIEW
    assert [p.file for p in wizard.previews] == ["douyin.csv"]  # only spreadsheets are taken
    assert wizard.previews[0].platform == "douyin"


def test_the_history_lists_imports_and_undoes_one(window, store, fixtures_dir, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    empty = table_snapshot(store, "orders", "customers")
    window.import_files([str(copy_fixture(fixtures_dir, "pdd.xlsx", tmp_path))])
    window.import_page.wizard.preview.import_button.click()
    assert scalar(store, "SELECT count(*) FROM orders") > 0
    page = window.import_page
    page.tabs.setCurrentIndex(1)
    history = page.history
    assert history.table.rowCount() == 1 and history.table.item(0, 1).text() == "pdd.xlsx"
    history.table.selectRow(0)
    assert history.undo_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    history.undo_button.click()
    assert table_snapshot(store, "orders", "customers") == empty
    assert history.table.item(0, 7).text() == "Undone"
    assert window.overview.is_welcome  # the store is empty again


def test_a_large_sheet_read_in_parts_shows_how_far_the_import_is(window, store, tmp_path, monkeypatch):
    """Read in parts, the import tells the window how far through the sheet it is: a bar with an end,
    and "about n % done" under it."""
    from app.services import sheet_parts

    monkeypatch.setattr(sheet_parts, "SPLIT_ABOVE", 0)
    monkeypatch.setattr(sheet_parts, "PART_BYTES", 4000)
    rows = [taobao_row(f"48{i:017d}", nick=f"buyer{i % 50}", phone=f"137{i:08d}") for i in range(200)]
    window.import_files([str(write_taobao_xlsx(tmp_path / "parts.xlsx", rows))])
    wizard = window.import_page.wizard
    shown = []
    show = wizard.run.show_progress

    def record(done, total, stage):
        show(done, total, stage)
        shown.append((stage, wizard.run.bar.maximum(), wizard.run.stage_label.text()))

    monkeypatch.setattr(wizard.run, "show_progress", record)
    wizard.preview.import_button.click()

    about = [(maximum, text) for stage, maximum, text in shown if stage == "write_about"]
    assert about and all(maximum > 0 for maximum, _ in about)  # not the busy bar
    assert about[-1][1].startswith("Saving orders: 200 (about ") and about[-1][1].endswith("% done)")
    assert scalar(store, "SELECT count(*) FROM orders") == 200
