"""Print preview and printing of PDFs: pages rasterised onto the printer, orientation, save as PDF."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtGui import QImage, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from unionoffice.gui import printing
from unionoffice.io.forms import render_form, samples


@pytest.fixture(scope="module")
def sign_in_pdf() -> bytes:
    return render_form(samples.sign_in_sheet(attendees=30, blank_rows=10))  # portrait, several pages


@pytest.fixture(scope="module")
def roster_pdf() -> bytes:
    return render_form(samples.roster(count=30))  # landscape


def _pages(pdf_bytes: bytes) -> int:
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        return len(document)
    finally:
        document.close()


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_preview_paint_handler_prints_every_page_to_a_pdf_printer(qtbot, tmp_path: Path, sign_in_pdf: bytes):
    dialog = printing.PdfPreviewDialog(sign_in_pdf, "签到表")
    qtbot.addWidget(dialog)
    expected = _pages(sign_in_pdf)
    assert expected >= 2
    target = tmp_path / "printed.pdf"
    printer = _pdf_printer(target)
    printing.configure_printer(printer, sign_in_pdf, "签到表")
    dialog.paintRequested.emit(printer)
    assert target.exists()
    assert _pages(target.read_bytes()) == expected


def test_printed_page_is_the_rasterised_pdf_page(qtbot, tmp_path: Path, sign_in_pdf: bytes):
    target = tmp_path / "printed.pdf"
    printer = _pdf_printer(target)
    printing.configure_printer(printer, sign_in_pdf, "签到表")
    printing.paint_pdf(printer, sign_in_pdf)
    document = pdfium.PdfDocument(target.read_bytes())
    try:
        page = document[0]
        images = [obj for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        assert len(images) == 1
        assert tuple(round(v) for v in page.get_size()) == (595, 842)
    finally:
        document.close()


def test_preview_widget_shows_as_many_pages_as_the_pdf(qtbot, sign_in_pdf: bytes):
    dialog = printing.PdfPreviewDialog(sign_in_pdf, "签到表")
    qtbot.addWidget(dialog)
    dialog.preview_widget.updatePreview()
    assert dialog.preview_widget.pageCount() == _pages(sign_in_pdf)


def test_landscape_pdf_sets_a4_landscape_on_the_printer(qtbot, roster_pdf: bytes):
    dialog = printing.PdfPreviewDialog(roster_pdf, "会员花名册")
    qtbot.addWidget(dialog)
    layout = dialog.printer.pageLayout()
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4


def test_portrait_pdf_sets_a4_portrait(sign_in_pdf: bytes):
    layout = printing.page_layout_for(sign_in_pdf)
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4


def test_save_as_pdf_writes_the_original_pdf(qtbot, monkeypatch, tmp_path: Path, sign_in_pdf: bytes):
    dialog = printing.PdfPreviewDialog(sign_in_pdf, "签到表")
    qtbot.addWidget(dialog)
    chosen = tmp_path / "签到表"  # typed without the extension
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    dialog.save_action.trigger()
    assert (tmp_path / "签到表.pdf").read_bytes() == sign_in_pdf


def test_save_as_pdf_cancelled_writes_nothing(qtbot, monkeypatch, tmp_path: Path, sign_in_pdf: bytes):
    dialog = printing.PdfPreviewDialog(sign_in_pdf, "签到表")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert dialog.save_as() is None
    assert list(tmp_path.iterdir()) == []


def test_save_action_is_in_the_preview_toolbar(qtbot, sign_in_pdf: bytes):
    from PySide6.QtWidgets import QToolBar

    dialog = printing.PdfPreviewDialog(sign_in_pdf, "签到表")
    qtbot.addWidget(dialog)
    assert dialog.save_action in dialog.findChild(QToolBar).actions()
    assert dialog.save_action.text() == "保存为PDF…"


def test_suggested_file_name_drops_characters_windows_refuses():
    assert printing.suggested_file_name('2026/5 "五一" 签到表:') == "2026_5 _五一_ 签到表.pdf"


def test_bytes_that_are_not_a_pdf_give_a_clear_error():
    with pytest.raises(printing.PdfError, match="无法显示"):
        printing.pdf_page_sizes(b"not a pdf")


def test_printing_honours_the_page_range_chosen_in_the_print_dialog(qtbot, tmp_path: Path, sign_in_pdf: bytes):
    from PySide6.QtGui import QPageRanges

    target = tmp_path / "page2.pdf"
    printer = _pdf_printer(target)
    ranges = QPageRanges()
    ranges.addPage(2)
    printer.setPageRanges(ranges)
    assert printing.paint_pdf(printer, sign_in_pdf) == 1
    assert _pages(target.read_bytes()) == 1


def test_print_pdf_paints_every_page_on_the_chosen_printer(qtbot, monkeypatch, tmp_path: Path, sign_in_pdf: bytes):
    from PySide6.QtPrintSupport import QPrintDialog

    target = tmp_path / "direct.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert printing.print_pdf(None, sign_in_pdf, "签到表") is True
    assert _pages(target.read_bytes()) == _pages(sign_in_pdf)


def test_print_pdf_cancelled_prints_nothing(qtbot, monkeypatch, sign_in_pdf: bytes):
    from PySide6.QtPrintSupport import QPrintDialog

    painted = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Rejected)
    monkeypatch.setattr(printing, "paint_pdf", lambda *args: painted.append(args))
    assert printing.print_pdf(None, sign_in_pdf, "签到表") is False
    assert painted == []


def test_preview_resolution_drops_for_long_documents_to_stay_in_memory_budget(sign_in_pdf: bytes):
    long_pdf = render_form(samples.roster(count=2000))
    short = pdfium.PdfDocument(sign_in_pdf)
    long = pdfium.PdfDocument(long_pdf)
    try:
        assert printing.preview_dpi(short) == printing.PREVIEW_DPI
        dpi = printing.preview_dpi(long)
        assert printing.PREVIEW_DPI_FLOOR <= dpi < printing.PREVIEW_DPI
        square_inches = sum(w * h for w, h in (long.get_page_size(i) for i in range(len(long)))) / 72**2
        assert square_inches * dpi**2 * printing.PREVIEW_BYTES_PER_PIXEL <= printing.PREVIEW_MEMORY_BUDGET * 1.001
    finally:
        short.close()
        long.close()


def test_document_too_long_to_preview_can_be_saved_instead(qtbot, monkeypatch, tmp_path: Path, sign_in_pdf: bytes):
    monkeypatch.setattr(printing, "PREVIEW_MAX_PAGES", 1)
    monkeypatch.setattr(printing, "_choose_for_long_document", lambda parent, pages: "save")
    monkeypatch.setattr(printing.PdfPreviewDialog, "exec", lambda self: pytest.fail("previewed anyway"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "long.pdf"), ""))
    printing.preview_pdf(None, sign_in_pdf, "签到表")
    assert (tmp_path / "long.pdf").read_bytes() == sign_in_pdf


def test_short_document_opens_the_preview(qtbot, monkeypatch, sign_in_pdf: bytes):
    shown = []
    monkeypatch.setattr(printing.PdfPreviewDialog, "exec", lambda self: shown.append(self.windowTitle()))
    printing.preview_pdf(None, sign_in_pdf, "签到表")
    assert shown == ["打印预览：签到表"]


def test_grayscale_printing_sends_grayscale_pages(qtbot, monkeypatch, tmp_path: Path, sign_in_pdf: bytes):
    printer = _pdf_printer(tmp_path / "gray.pdf")
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    formats = []
    original = printing._page_image

    def spy(page, dpi, grayscale=False):
        image = original(page, dpi, grayscale)
        formats.append(image.format())
        return image

    monkeypatch.setattr(printing, "_page_image", spy)
    printing.paint_pdf(printer, sign_in_pdf)
    assert formats and set(formats) == {QImage.Format.Format_Grayscale8}


def test_open_in_pdf_reader_hands_a_copy_to_the_system(qtbot, monkeypatch, sign_in_pdf: bytes):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = printing.PdfPreviewDialog(sign_in_pdf, "签到表")
    qtbot.addWidget(dialog)
    dialog.open_action.trigger()
    assert len(opened) == 1
    assert Path(opened[0]).name == "签到表.pdf"
    assert Path(opened[0]).read_bytes() == sign_in_pdf
