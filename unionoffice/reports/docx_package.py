"""The DOCX package around the text: the font table, the theme language, the document
properties, and the character styles the default template links to the headings.

python-docx starts from a template made on an English Word (2013): its font table lists Calibri,
Cambria and Japanese faces, its theme language is ja-JP, its dates are 2013's and its linked
“Heading 1 Char” styles are blue Calibri. A summary opened in Word or WPS should show none of that.
"""

from __future__ import annotations

import datetime as dt
import re

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from unionoffice import __version__

APPLICATION = "UnionOffice"
_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
_LINKED_CHAR_STYLE = re.compile(r"^(Heading[1-9]|Title|Subtitle)Char$")


def fonts_used(document: DocxDocument) -> list[str]:
    """Every font the text can show: in the defaults, the styles in use (and those they are based
    on), the body and the footers, in first-seen order."""
    parts = [document.element]
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer, section.first_page_footer):
            if not footer.is_linked_to_previous:
                parts.append(footer._element)
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    wanted = ["Normal"]
    for part in parts:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            wanted += [e.get(qn("w:val")) for e in part.iter(qn(tag))]
    seen: list[str] = []
    while wanted:
        style_id = wanted.pop(0)
        if style_id in seen or style_id not in styles:
            continue
        seen.append(style_id)
        based = styles[style_id].find(qn("w:basedOn"))
        if based is not None:
            wanted.append(based.get(qn("w:val")))
    elements = [document.styles.element.find(qn("w:docDefaults")), *(styles[i] for i in seen), *parts]
    names: list[str] = []
    for element in elements:
        if element is None:
            continue
        for fonts in element.iter(qn("w:rFonts")):
            for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
                value = fonts.get(qn(attribute))
                if value and value not in names:
                    names.append(value)
    return names


def _font_entry(name: str, stand_in: str = "") -> str:
    chinese = bool(_CJK.search(name))
    charset, family, pitch = ("86", "modern", "fixed") if chinese else ("00", "roman", "variable")
    alt = f'<w:altName w:val="{stand_in}"/>' if stand_in else ""
    return (f'<w:font w:name="{name}">{alt}<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
            f'<w:pitch w:val="{pitch}"/></w:font>')


def write_font_table(document: DocxDocument, stand_ins: dict[str, str] | None = None) -> None:
    """The fonts the text uses; ``stand_ins`` names the face Word and WPS take for one a PC lacks
    (方正小标宋简体 → 宋体), and that face is listed too."""
    stand_ins = stand_ins or {}
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    names = fonts_used(document)
    names += [alt for name, alt in stand_ins.items() if name in names and alt not in names]
    entries = "".join(_font_entry(name, stand_ins.get(name, "")) for name in names)
    part._blob = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                  f"<w:fonts {nsdecls('w')}>{entries}</w:fonts>").encode("utf-8")


def set_theme_language(document: DocxDocument) -> None:
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = parse_xml(f"<w:themeFontLang {nsdecls('w')}/>")
        settings.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_properties(document: DocxDocument, now: dt.datetime | None = None) -> None:
    """Created and modified now; this program as the application (docProps/app.xml)."""
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    core = document.core_properties
    core.created = now
    core.modified = now
    core.last_modified_by = APPLICATION
    core.revision = 1
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            text = part.blob.decode("utf-8")
            text = re.sub(r"<Application>.*?</Application>", f"<Application>{APPLICATION}</Application>", text)
            text = re.sub(r"<AppVersion>.*?</AppVersion>", f"<AppVersion>{_app_version()}</AppVersion>", text)
            text = re.sub(r"<Template>.*?</Template>", "<Template></Template>", text)
            part._blob = text.encode("utf-8")


def _app_version() -> str:
    """AppVersion must look like XX.YYYY: the program's major and minor version."""
    numbers = [int(n) for n in re.findall(r"\d+", __version__)[:2]] + [0, 0]
    return f"{numbers[0]:02d}.{numbers[1]:04d}"


def plain_linked_char_styles(document: DocxDocument, fonts: dict[str, str]) -> None:
    """The “Heading 1 Char” … styles (used when part of a heading is formatted) in the heading's own
    font and size, black, not the template's blue Calibri. ``fonts`` maps a paragraph style id
    (Heading1, Title …) to its font name."""
    from unionoffice.reports.docx_styles import set_run_fonts

    for style in document.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        if style.get(qn("w:type")) != "character" or not _LINKED_CHAR_STYLE.match(style_id):
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            style.remove(rpr)
        rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:color w:val="000000"/></w:rPr>')
        style.append(rpr)
        set_run_fonts(rpr, fonts.get(style_id[:-len("Char")], fonts.get("Normal", "")))  # rFonts goes first


def finish_package(document: DocxDocument, fonts: dict[str, str], stand_ins: dict[str, str] | None = None) -> None:
    plain_linked_char_styles(document, fonts)
    set_theme_language(document)
    set_properties(document)
    write_font_table(document, stand_ins)
