"""Lay a DOCX out with LibreOffice Writer (headless) in the faces our PDF uses, and read PDF pages back.

LibreOffice finds fonts through fontconfig; on a machine without the Windows faces the DOCX names
(仿宋, 宋体, 黑体, 楷体) it would pick DejaVu Sans and WenQuanYi, whose widths differ from ours, and
a comparison of line lengths would measure the fonts instead of the layout. A throwaway HOME gets
the bundled fonts and a fontconfig file that maps each Windows name to the face our PDF draws it in
(Liberation Serif first for Latin letters and digits, as our PDF does).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from unionoffice.paths import resources_dir

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TEXT_BOTTOM = 742.68  # GB/T 9704: 37 mm top margin + 225 mm text block, in points from the page top
LINE_PITCH = 28.95

_FACES = {
    "方正小标宋简体": ("Liberation Serif", "AR PL UMing CN"),
    "仿宋": ("Liberation Serif", "AR PL UMing CN"),
    "宋体": ("Liberation Serif", "AR PL UMing CN"),
    "楷体": ("AR PL UKai CN",),  # (with Liberation Serif first, LibreOffice took UMing for the Chinese)
    "黑体": ("WenQuanYi Micro Hei",),
}
_LINE = re.compile(r'<line xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r">([^<]*)</word>")
_PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def _home(folder: Path) -> Path:
    home = folder / "lo-home"
    fonts = home / ".fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for font in (resources_dir() / "fonts").glob("*.tt[cf]"):
        if not (fonts / font.name).exists():
            os.symlink(font, fonts / font.name)
    aliases = "".join(
        f'<alias binding="strong"><family>{name}</family><prefer>'
        + "".join(f"<family>{face}</family>" for face in faces) + "</prefer></alias>"
        for name, faces in _FACES.items())
    config = home / ".config" / "fontconfig"
    config.mkdir(parents=True, exist_ok=True)
    (config / "fonts.conf").write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>{aliases}'
        "</fontconfig>", encoding="utf-8")
    return home


def render_docx(docx: Path, folder: Path) -> Path:
    """``docx`` laid out by LibreOffice as ``folder``/lo/<name>.pdf."""
    env = dict(os.environ, HOME=str(_home(folder)))
    subprocess.run([SOFFICE, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder / "lo"),
                    str(docx)], check=True, capture_output=True, timeout=180, env=env)
    return folder / "lo" / (docx.stem + ".pdf")


def text_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, the text lines as (top, bottom, text without spaces), page numbers left out."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout
    pages = []
    for page in layout.split("<page ")[1:]:
        lines = [(float(top), float(bottom), "".join(_WORD.findall(words)))
                 for top, bottom, words in _LINE.findall(page)]
        pages.append([line for line in lines if not _PAGE_NUMBER.fullmatch(line[2])])
    return pages


def layout_pages(pdf: Path) -> list[list[str]]:
    """Per page, the non-empty lines as pdftotext -layout reads them (a table row is one line)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip() and not _PAGE_NUMBER.fullmatch(line.strip())]
            for page in text.split("\f")]
