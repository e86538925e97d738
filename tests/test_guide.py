"""The offline guide: every page's links and images lead somewhere, and 帮助 → 使用说明 shows it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parent.parent / "resources" / "guide"
PAGES = sorted(GUIDE.glob("*.html"))


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])
        if tag == "img":
            self.images.append(values.get("src") or "")


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_guide_has_the_pages_the_issue_asks_for():
    names = {page.name for page in PAGES}
    assert {"index.html", "first-steps.html", "pages.html", "summary.html", "backup.html", "new-pc.html",
            "errors.html"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_leads_to_a_guide_page_and_anchor(page):
    for link in _refs(page).links:
        assert not re.match(r"^[a-z]+://", link), f"{page.name}: the guide works offline, no web links ({link})"
        target, _hash, anchor = link.partition("#")
        target_page = GUIDE / target if target else page
        assert target_page.is_file(), f"{page.name}: broken link {link}"
        if anchor:
            assert anchor in _refs(target_page).anchors, f"{page.name}: no anchor {anchor} in {target_page.name}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_image_is_there_and_is_a_png(page):
    for source in _refs(page).images:
        image = GUIDE / source
        assert image.is_file(), f"{page.name}: missing image {source}"
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_guide_is_in_chinese():
    for page in PAGES:
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
        assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 20, page.name


def test_help_user_guide_opens_the_guide_in_a_text_browser(qtbot, db):
    from PySide6.QtGui import QAction

    from unionoffice.gui.context import AppContext
    from unionoffice.gui.main_window import MainWindow

    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    action = next(a for a in window.findChildren(QAction) if a.text() == "使用说明(&U)")
    action.trigger()
    browser = window.guide_window.browser
    assert browser.source().fileName() == "index.html"
    assert "工会办公助手使用说明" in browser.toPlainText()
    window.guide_window.close()


def test_the_bundle_ships_the_guide():
    spec = (GUIDE.parent.parent / "installer" / "unionoffice.spec").read_text(encoding="utf-8")
    assert 'data_tree(ROOT / "resources", "resources"' in spec  # the whole resources/ tree, guide included
