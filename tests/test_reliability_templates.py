"""Template files as clerks save them: GBK, a BOM, a folder, wrong types, a chart without figure, deep nesting."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionoffice.paths import resources_dir
from unionoffice.reports.template import TemplateError, parse_template

STANDARD = (resources_dir() / "templates" / "standard.toml").read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_template_saved_with_a_bom_is_accepted(tmp_path):
    template = parse_template(_write(tmp_path, "bom.toml", b"\xef\xbb\xbf" + STANDARD.encode("utf-8")))
    assert template.parts


@pytest.mark.parametrize("name, data, message", [
    ("gbk.toml", STANDARD.encode("gbk", errors="replace"), "UTF-8"),
    ("types.toml", 'name="x"\nlines="oops"\n[[parts]]\nkey="a"\nheading="b"\n'.encode(), "types.toml"),
    ("chart.toml", STANDARD.replace("figure = ", "figurex = ", 1).encode(), "figure"),
    ("nest.toml", ("x = " + "[" * 100_000 + "]" * 100_000 + "\n").encode(), "nest.toml"),
    ("parts.toml", b'parts = "none"\n', "parts.toml"),
])
def test_malformed_templates_are_a_template_error_naming_the_file(tmp_path, name, data, message):
    with pytest.raises(TemplateError, match=message):
        parse_template(_write(tmp_path, name, data))


def test_a_folder_named_like_a_template_is_refused(tmp_path):
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    with pytest.raises(TemplateError, match="文件夹"):
        parse_template(folder)


def test_docx_text_never_fails_on_pasted_control_characters():
    import docx

    from unionoffice.reports.docx_writer import add_text

    out = docx.Document()
    paragraph = out.add_paragraph()
    add_text(paragraph, "第一段\x0b粘贴\x00来的\n第二行", "SimSun")
    assert "\x0b" not in paragraph.text and "粘贴来的" in paragraph.text
