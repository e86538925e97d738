"""Page setup, paragraph styles and page-number footers of a GB/T 9704 DOCX (python-docx).

Fonts are named for East Asian text (w:eastAsia) on the styles and on every run, with the
theme-font attributes removed (they would win over the names). Styles are real Word styles:
Heading 1–4 carry outline levels, so Word's and WPS's navigation pane shows the structure.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor
from docx.styles.style import BaseStyle

from unionoffice.io.fonts import FontRole
from unionoffice.reports import gbt9704 as g

# The names Word and WPS know these faces by on a Chinese Windows.
WORD_FONT_NAMES = {
    FontRole.SONG: "宋体",
    FontRole.FANGSONG: "仿宋",
    FontRole.HEI: "黑体",
    FontRole.KAI: "楷体",
    FontRole.TITLE: "宋体",
}
XIAOBIAOSONG = "方正小标宋简体"
HEADING_ROLES = {1: FontRole.HEI, 2: FontRole.KAI, 3: FontRole.FANGSONG, 4: FontRole.FANGSONG}
TABLE_TEXT = "Table Text"
TABLE_CAPTION = "Table Caption"
TABLE_NOTE = "Table Note"
FIGURE = "Figure"
GRID_CHAR_SPACING = -5  # twentieths of a point
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# Schema order of w:pPr and w:rPr children: Word refuses files whose elements are out of order.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath").split()


def set_ordered(parent, tag: str, order: tuple[str, ...] | list[str], **attributes: str):  # noqa: ANN001, ANN201
    """Set (replace) child ``w:tag`` of ``parent`` at its schema position, with ``attributes``."""
    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    element = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    successors = [qn(f"w:{t}") for t in order[order.index(tag) + 1:]]
    for index, child in enumerate(parent):
        if child.tag in successors:
            parent.insert(index, element)
            break
    else:
        parent.append(element)
    return element


def pt_to_emu(points: float) -> Emu:
    return Emu(int(round(points * 12700)))


def set_run_fonts(rpr, name: str) -> None:  # noqa: ANN001 (a CT_RPr)
    """Name ``name`` for Latin, East Asian and complex text, removing theme fonts."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_chars_indent(ppr, first_line_chars: int = 0, left_chars: int = 0, right_chars: int = 0) -> None:  # noqa: ANN001
    """Indents in hundredths of a character (w:firstLineChars …): Word keeps them on the grid."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = set_ordered(ppr, "ind", _PPR_ORDER)
    for attribute, value in (("w:firstLineChars", first_line_chars), ("w:leftChars", left_chars),
                             ("w:rightChars", right_chars)):
        if value:
            ind.set(qn(attribute), str(value))


def _reset(style: BaseStyle) -> None:
    """Drop the template's look (blue, bold, Calibri, borders), keep outline level and keep-next."""
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        container = element.find(qn(tag))
        if container is None:
            continue
        for child in list(container):
            if child.tag not in (qn("w:outlineLvl"), qn("w:keepNext")):
                container.remove(child)


def _paragraph_style(document: DocxDocument, name: str) -> BaseStyle:
    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        return style


def _configure(style: BaseStyle, font: str, size: float, *, leading: float | None = g.LINE_PITCH,
               indent_chars: int = 0, align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
               snap_to_grid: bool = True, grid_spacing: bool = False) -> None:
    _reset(style)
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_run_fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if leading is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = Pt(leading)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.alignment = align
    fmt.first_line_indent = pt_to_emu(indent_chars * g.CHAR_PITCH) if indent_chars else pt_to_emu(0)
    if indent_chars:
        _set_chars_indent(style.element.get_or_add_pPr(), first_line_chars=indent_chars * 100)
    if grid_spacing:
        # 16 pt characters 0.25 pt closer: 28 to a 156 mm line, as GB/T 9704 asks.
        set_ordered(style.element.get_or_add_rPr(), "spacing", _RPR_ORDER, val=str(GRID_CHAR_SPACING))
    if not snap_to_grid:
        # Tables and pictures keep their own line height instead of the 28.95 pt grid.
        set_ordered(style.element.get_or_add_pPr(), "snapToGrid", _PPR_ORDER, val="0")


def _set_document_defaults(document: DocxDocument, font: str) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_fonts(rpr, font)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
    # No automatic space between Chinese and Latin letters or digits in any paragraph, whatever its
    # style (Word's and WPS's default adds a quarter em: it breaks the 28-character grid). LibreOffice
    # drops this setting when it opens a DOCX (see tests/test_summary_render.py).
    for tag in ("autoSpaceDE", "autoSpaceDN"):
        set_ordered(ppr, tag, _PPR_ORDER, val="0")


def setup_styles(document: DocxDocument, title_font: str) -> None:
    body = WORD_FONT_NAMES[FontRole.FANGSONG]
    _set_document_defaults(document, body)
    normal = document.styles["Normal"]
    _configure(normal, body, g.BODY_SIZE, indent_chars=g.INDENT_CHARS, grid_spacing=True)
    # No automatic space between Chinese and digits (Word's and WPS's default): it breaks the grid.
    for tag in ("autoSpaceDE", "autoSpaceDN"):
        set_ordered(normal.element.get_or_add_pPr(), tag, _PPR_ORDER, val="0")
    # No single line of a paragraph alone at the top or the foot of a page (Word and LibreOffice).
    set_ordered(normal.element.get_or_add_pPr(), "widowControl", _PPR_ORDER, val="1")
    _configure(document.styles["Title"], title_font, g.TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    for level, role in HEADING_ROLES.items():
        style = document.styles[f"Heading {level}"]
        _configure(style, WORD_FONT_NAMES[role], g.BODY_SIZE, indent_chars=g.INDENT_CHARS, grid_spacing=True)
        style.paragraph_format.keep_with_next = True
    table_text = _paragraph_style(document, TABLE_TEXT)
    _configure(table_text, body, g.TABLE_SIZE, leading=g.TABLE_LEADING, align=WD_ALIGN_PARAGRAPH.LEFT,
               snap_to_grid=False)
    table_text.paragraph_format.space_before = Pt(3)  # the PDF's cell padding
    table_text.paragraph_format.space_after = Pt(3)
    _configure(_paragraph_style(document, TABLE_CAPTION), WORD_FONT_NAMES[FontRole.HEI], g.BODY_SIZE,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    document.styles[TABLE_CAPTION].paragraph_format.keep_with_next = True
    _configure(_paragraph_style(document, TABLE_NOTE), body, g.TABLE_SIZE, leading=g.TABLE_LEADING,
               snap_to_grid=False)
    _configure(_paragraph_style(document, FIGURE), body, g.BODY_SIZE, leading=None,
               align=WD_ALIGN_PARAGRAPH.CENTER, snap_to_grid=False)
    document.styles[FIGURE].paragraph_format.keep_with_next = True
    _configure(document.styles["Footer"], WORD_FONT_NAMES[FontRole.SONG], g.PAGE_NUMBER_SIZE,
               leading=18.0, align=WD_ALIGN_PARAGRAPH.RIGHT, snap_to_grid=False)


def setup_page(document: DocxDocument) -> None:
    """A4, GB/T 9704 margins, the 22 × 28 document grid, page numbers in odd/even footers."""
    section = document.sections[0]
    section.page_width = pt_to_emu(g.PAGE_WIDTH)
    section.page_height = pt_to_emu(g.PAGE_HEIGHT)
    section.top_margin = pt_to_emu(g.TOP_MARGIN)
    section.bottom_margin = pt_to_emu(g.BOTTOM_MARGIN)
    section.left_margin = pt_to_emu(g.LEFT_MARGIN)
    section.right_margin = pt_to_emu(g.RIGHT_MARGIN)
    section.header_distance = pt_to_emu(15 * 72 / 25.4)
    # The footer's 18 pt line ends where the text block ends minus 7 mm minus the number's height.
    section.footer_distance = pt_to_emu(g.BOTTOM_MARGIN - g.PAGE_NUMBER_GAP - 18.0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # A line grid only: LibreOffice spreads text far too wide on a "linesAndChars" grid; the
    # styles' condensed character spacing makes the 28 characters per line instead.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(g.LINE_PITCH * 20)))
    grid.attrib.pop(qn("w:charSpace"), None)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, align: WD_ALIGN_PARAGRAPH) -> None:  # noqa: ANN001
    """“— PAGE —”, one character in from the right (odd pages) or the left (even pages)."""
    paragraph.style = "Footer"
    paragraph.alignment = align
    one_char = pt_to_emu(g.PAGE_NUMBER_SIZE)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = one_char
    else:
        paragraph.paragraph_format.left_indent = one_char
    paragraph.add_run("— ")
    begin, instruction, separate, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                                         OxmlElement("w:fldChar"), OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate):
        paragraph.add_run()._r.append(element)
    paragraph.add_run("1")
    paragraph.add_run()._r.append(end)
    paragraph.add_run(" —")
    for run in paragraph.runs:
        set_run_fonts(run._r.get_or_add_rPr(), WORD_FONT_NAMES[FontRole.SONG])
