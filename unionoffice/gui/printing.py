"""Print preview, printing and "save as PDF" for any PDF the program makes.

One layout serves all three: the PDF (drawn by reportlab) is rasterised page by page with pdfium
and the images are painted on the printer, so paper shows exactly what the PDF shows, and no form
is drawn a second time with QPainter. "Save as PDF…" writes the original vector PDF, not the images.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox, QToolBar, QWidget

from unionoffice.i18n import _
from unionoffice.gui.widgets import run_modal
from unionoffice.gui import file_dialogs

# Rasterising above this gains nothing visible on forms and costs ~100 MB per A4 page at 1200 dpi.
PRINT_DPI_CAP = 300
# The preview keeps every page as an uncompressed 32-bit image until it closes (QPicture holds
# them raw), so its resolution drops for long documents to stay within a memory budget, and
# documents longer than PREVIEW_MAX_PAGES are printed or saved without a preview.
PREVIEW_DPI = 150
PREVIEW_DPI_FLOOR = 50
PREVIEW_MEMORY_BUDGET = 384 * 1024 * 1024  # bytes
PREVIEW_BYTES_PER_PIXEL = 4
PREVIEW_MAX_PAGES = 200
POINTS_PER_INCH = 72


class PdfError(ValueError):
    """The bytes are not a PDF pdfium can open; the message is for the user."""


def _open(pdf_bytes: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(pdf_bytes)
    except pdfium.PdfiumError as error:
        raise PdfError(_("The document cannot be shown ({error}).").format(error=error)) from error


def pdf_page_sizes(pdf_bytes: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page in points, rotation applied."""
    document = _open(pdf_bytes)
    try:
        sizes = []
        for page in document:
            width, height = page.get_size()
            sizes.append((height, width) if page.get_rotation() % 180 else (width, height))
            page.close()
        return sizes
    finally:
        document.close()


def page_layout_for(pdf_bytes: bytes) -> QPageLayout:
    """The paper of the PDF's first page (A4 for our forms), its orientation, and no margins."""
    sizes = pdf_page_sizes(pdf_bytes)
    width, height = sizes[0] if sizes else (595.0, 842.0)
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    portrait_points = QSize(round(min(width, height)), round(max(width, height)))
    page_size = QPageSize(portrait_points, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))


def configure_printer(printer: QPrinter, pdf_bytes: bytes, title: str) -> None:
    """Paper, orientation and document name from the PDF; the PDF's own margins are kept as drawn."""
    printer.setPageLayout(page_layout_for(pdf_bytes))
    printer.setFullPage(True)
    printer.setDocName(title)


def _fit(image: QImage, target: QRect) -> QRect:
    """``image``'s aspect ratio, as large as fits in ``target``, centred."""
    size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = target.left() + (target.width() - size.width()) // 2
    top = target.top() + (target.height() - size.height()) // 2
    return QRect(left, top, size.width(), size.height())


def preview_dpi(document: pdfium.PdfDocument) -> float:
    """The resolution that keeps all preview pages within PREVIEW_MEMORY_BUDGET."""
    square_inches = 0.0
    for index in range(len(document)):
        width, height = document.get_page_size(index)
        square_inches += width * height / POINTS_PER_INCH**2
    pixels = PREVIEW_MEMORY_BUDGET / PREVIEW_BYTES_PER_PIXEL
    affordable = (pixels / square_inches) ** 0.5 if square_inches else PREVIEW_DPI
    return max(PREVIEW_DPI_FLOOR, min(PREVIEW_DPI, affordable))


def _page_image(page: pdfium.PdfPage, dpi: float, grayscale: bool = False) -> QImage:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=grayscale)
    # pdfium's bitmaps are BGR, 3 bytes a pixel, or in grayscale one byte a pixel.
    image_format = QImage.Format.Format_Grayscale8 if bitmap.n_channels == 1 else QImage.Format.Format_BGR888
    try:
        # copy(): the buffer belongs to the bitmap, which is freed below
        return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format).copy()
    finally:
        bitmap.close()


def _pages_to_print(printer: QPrinter, count: int, is_preview: bool) -> list[int]:
    """Page indexes to paint: all in the preview, else the range chosen in the print dialog."""
    ranges = printer.pageRanges()
    if is_preview or ranges.isEmpty():
        return list(range(count))
    return [index for index in range(count) if ranges.contains(index + 1)] or list(range(count))


def paint_pdf(printer: QPrinter, pdf_bytes: bytes) -> int:
    """Paint every page of the PDF on ``printer`` (a real printer, a PDF file, or the preview).

    Returns the number of pages painted. A page range chosen in the print dialog is honoured.
    """
    document = _open(pdf_bytes)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise OSError(_("The printer cannot be started."))
    try:
        is_preview = painter.paintEngine().type() == QPaintEngine.Type.Picture
        dpi = min(printer.resolution(), preview_dpi(document) if is_preview else PRINT_DPI_CAP)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        # A third of the data for the spooler when the print dialog asks for grayscale.
        grayscale = printer.colorMode() == QPrinter.ColorMode.GrayScale
        pages = _pages_to_print(printer, len(document), is_preview)
        for number, index in enumerate(pages):
            if number:
                printer.newPage()
            page = document[index]
            try:
                image = _page_image(page, dpi, grayscale)
            finally:
                page.close()
            painter.drawImage(_fit(image, painter.viewport()), image)
        return len(pages)
    finally:
        painter.end()
        document.close()


def suggested_file_name(title: str) -> str:
    """The title as a file name Windows accepts."""
    cleaned = re.sub(r'[\\/:*?"<>|\r\n\t]+', "_", title).strip(" ._") or _("document")
    return cleaned + ".pdf"


def save_pdf_as(parent: QWidget | None, pdf_bytes: bytes, title: str) -> Path | None:
    """Ask where to save and write the PDF there; the path saved, or None if the clerk cancelled."""
    chosen = file_dialogs.save_file_name(parent, file_dialogs.PDF, _("Save as PDF"), suggested_file_name(title), _("PDF files (*.pdf)"))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        path.write_bytes(pdf_bytes)
    except OSError as error:
        QMessageBox.warning(parent, _("Save as PDF"),
                            _("The PDF could not be saved to {path} ({error}).").format(path=path, error=error))
        return None
    return path


def open_in_pdf_reader(pdf_bytes: bytes, title: str) -> Path:
    """Open a copy of the PDF in the computer's PDF reader (it prints vectors, and any length).

    The copy goes to a new temporary folder; the system cleans temporary folders up.
    """
    folder = Path(tempfile.mkdtemp(prefix="unionoffice-"))
    path = folder / suggested_file_name(title)
    path.write_bytes(pdf_bytes)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        raise OSError(_("No program to open PDF files was found. The file is at {path}.").format(path=path))
    return path


class PdfPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview over a PDF: zoom, page setup, print, plus "Save as PDF…" in the toolbar."""

    def __init__(self, pdf_bytes: bytes, title: str, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, pdf_bytes, title)
        super().__init__(printer, parent)
        self._printer = printer  # the dialog does not own it; keep it alive as long as the dialog
        self._pdf_bytes = pdf_bytes
        self._title = title
        self.setWindowTitle(_("Print preview: {title}").format(title=title))
        self.paintRequested.connect(self.paint)
        self.save_action = QAction(_("Save as PDF…"), self)
        self.save_action.triggered.connect(self.save_as)
        self.save_action.setShortcut("Ctrl+S")
        self.open_action = QAction(_("Open in PDF reader"), self)
        self.open_action.triggered.connect(self.open_externally)
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)
            toolbar.addAction(self.open_action)
        else:  # a Qt without the usual toolbar: still reachable from the keyboard
            self.addAction(self.save_action)

    @property
    def printer(self) -> QPrinter:
        return self._printer

    @property
    def preview_widget(self) -> QPrintPreviewWidget | None:
        return self.findChild(QPrintPreviewWidget)

    def paint(self, printer: QPrinter) -> None:
        paint_pdf(printer, self._pdf_bytes)

    def save_as(self) -> Path | None:
        return save_pdf_as(self, self._pdf_bytes, self._title)

    def open_externally(self) -> Path | None:
        try:
            return open_in_pdf_reader(self._pdf_bytes, self._title)
        except OSError as error:
            QMessageBox.warning(self, _("Open in PDF reader"), str(error))
            return None


def page_count(pdf_bytes: bytes) -> int:
    document = _open(pdf_bytes)
    try:
        return len(document)
    finally:
        document.close()


def _choose_for_long_document(parent: QWidget | None, pages: int) -> str:
    """'print', 'save' or 'cancel' for a document too long to preview."""
    box = QMessageBox(QMessageBox.Icon.Information, _("Print preview"),
                      _("The document has {pages} pages, too many to preview. Print it or save it as PDF?").format(
                          pages=pages), parent=parent)
    print_button = box.addButton(_("Print…"), QMessageBox.ButtonRole.AcceptRole)
    save_button = box.addButton(_("Save as PDF…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    run_modal(box)
    clicked = box.clickedButton()
    return "print" if clicked is print_button else "save" if clicked is save_button else "cancel"


def preview_pdf(parent: QWidget | None, pdf_bytes: bytes, title: str) -> None:
    """Show the print preview of ``pdf_bytes`` (modal) with printing and saving from there.

    A document longer than PREVIEW_MAX_PAGES is not previewed: the clerk prints or saves it.
    """
    try:
        pages = page_count(pdf_bytes)
        if pages > PREVIEW_MAX_PAGES:
            choice = _choose_for_long_document(parent, pages)
            if choice == "print":
                print_pdf(parent, pdf_bytes, title)
            elif choice == "save":
                save_pdf_as(parent, pdf_bytes, title)
            return
        dialog = PdfPreviewDialog(pdf_bytes, title, parent)
    except PdfError as error:
        QMessageBox.warning(parent, _("Print preview"), str(error))
        return
    run_modal(dialog)


def print_pdf(parent: QWidget | None, pdf_bytes: bytes, title: str) -> bool:
    """Print without the preview: the system print dialog, then the pages. True if printed."""
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, pdf_bytes, title)
    except PdfError as error:
        QMessageBox.warning(parent, _("Print"), str(error))
        return False
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print: {title}").format(title=title))
    if run_modal(dialog) != QPrintDialog.DialogCode.Accepted:
        return False
    try:
        paint_pdf(printer, pdf_bytes)
    except OSError as error:
        QMessageBox.warning(parent, _("Print"), str(error))
        return False
    return True
