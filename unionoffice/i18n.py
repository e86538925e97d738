"""Translations and locale-aware formatting, shared by the GUI, the CLI and the writers.

Message ids in the source are English; zh_CN is the default language and English the other.
Catalog sources are several ``.po`` files per language under ``resources/locale/<lang>/``
(one per area of the program, so areas are edited independently); they are merged and compiled
into one ``.mo`` by ``python -m unionoffice.i18n_tools compile`` (run by ``make``). When the
compiled file is missing or older than its sources, the sources are compiled in memory.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Iterator
from contextlib import contextmanager
import gettext as _gettext
import io
import os
import sys
from typing import TYPE_CHECKING

from unionoffice.catalogs import (  # noqa: F401  (re-exported for callers of unionoffice.i18n)
    DOMAIN,
    catalog_sources,
    compiled_catalog_path,
    locale_dir,
    merged_catalog,
    write_mo_bytes,
)

if TYPE_CHECKING:  # babel loads on the first formatting call: `--version` and `--help` do not need it
    from babel import Locale
DEFAULT_LANGUAGE = "zh_CN"
SUPPORTED_LANGUAGES = ("zh_CN", "en")
LANGUAGE_ENV = "UNIONOFFICE_LANG"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translate where shown)."""
    return message


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def current_language() -> str:
    return _language


def current_locale() -> Locale:
    from babel import Locale

    return Locale.parse(_language)


def normalize_language(value: str | None) -> str | None:
    """Map a locale name such as ``zh_CN.UTF-8``, ``zh-Hans`` or ``en_US`` to a supported one."""
    if not value:
        return None
    value = value.split(".")[0].replace("-", "_").lower()
    if value.startswith("zh"):
        return "zh_CN"
    if value.startswith("en"):
        return "en"
    return None


def system_language() -> str:
    """The language the operating system asks for; Chinese unless it clearly asks for English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = normalize_language(os.environ.get(var))
        if found:
            return found
    return _windows_ui_language() or DEFAULT_LANGUAGE


def _windows_ui_language() -> str | None:
    """Windows keeps the display language out of the environment: ask the system."""
    if sys.platform != "win32":
        return None
    import ctypes

    primary = ctypes.windll.kernel32.GetUserDefaultUILanguage() & 0x3FF  # type: ignore[attr-defined]
    return {0x04: "zh_CN", 0x09: "en"}.get(primary)


def choose_language(setting: str | None = None) -> str:
    """Environment override, then the office setting (unless 'auto'), then the system."""
    for candidate in (os.environ.get(LANGUAGE_ENV), setting if setting != "auto" else None):
        found = normalize_language(candidate)
        if found:
            return found
    return system_language()


def _load(language: str) -> _gettext.NullTranslations:
    sources = catalog_sources(language)
    compiled = compiled_catalog_path(language)
    if not sources:
        # The installed bundle ships the compiled catalog only.
        if compiled.exists():
            with compiled.open("rb") as fh:
                return _gettext.GNUTranslations(fh)
        return _gettext.NullTranslations()
    newest_source = max(p.stat().st_mtime for p in sources)
    if compiled.exists() and compiled.stat().st_mtime >= newest_source:
        with compiled.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    # Compile in memory: a checkout where `make` has not compiled the catalogs yet.
    return _gettext.GNUTranslations(io.BytesIO(write_mo_bytes(merged_catalog(language))))


# Each language's catalog read once per process: the module sets the default language, the command
# then the chosen one (the same, mostly), and documents switch to theirs and back (each reading
# of the catalog's 2,000 messages cost about 10 ms).
_LOADED: dict[str, _gettext.NullTranslations] = {}


def set_language(language: str) -> None:
    """Switch every later translation and formatting call to ``language``."""
    global _translations, _language
    language = normalize_language(language) or DEFAULT_LANGUAGE
    loaded = _LOADED.get(language)
    if loaded is None:
        loaded = _LOADED[language] = _load(language) if language != "en" else _gettext.NullTranslations()
    _translations = loaded
    _language = language


@contextmanager
def using_language(language: str | None) -> Iterator[None]:
    """Translate and format in ``language`` inside the block (documents are written in the office's
    document language whatever the interface language); the previous language comes back after."""
    global _translations, _language
    previous = _language
    wanted = normalize_language(language) or DEFAULT_LANGUAGE
    if wanted == previous:
        yield
        return
    saved = _translations
    set_language(wanted)
    try:
        yield
    finally:
        _translations, _language = saved, previous


# --- formatting -------------------------------------------------------------------------

def format_date(value: dt.date | None, length: str = "long") -> str:
    """2026年6月30日 in Chinese, Jun 30, 2026 in English; '' for no date."""
    if value is None:
        return ""
    from babel import dates as babel_dates

    if length == "long" and _language == "zh_CN":
        # babel's zh_CN long format already has no zero padding: 2026年6月30日
        return babel_dates.format_date(value, format="long", locale="zh_CN")
    return babel_dates.format_date(value, format=length, locale=_language)


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    from babel import dates as babel_dates

    return babel_dates.format_datetime(value, format="medium", locale=_language)


def format_number(value: int | float) -> str:
    from babel import numbers as babel_numbers

    return babel_numbers.format_decimal(value, locale=_language)


def format_percent(value: float, digits: int = 0) -> str:
    from babel import numbers as babel_numbers

    fmt = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return babel_numbers.format_percent(value, format=fmt, locale=_language)


set_language(DEFAULT_LANGUAGE)


# Why a file could not be read or written, in words: Python's strerror is English on every system.
_OS_ERRORS = {
    errno.ENOENT: N_("the file or folder does not exist"),
    errno.EACCES: N_("access denied: the file may be open in another program (Excel, WPS), or read-only"),
    errno.EPERM: N_("access denied: the file may be open in another program (Excel, WPS), or read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is write-protected"),
    errno.EEXIST: N_("a file of that name already exists"),
    errno.EISDIR: N_("that is a folder, not a file"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
}


def os_error_text(exc: OSError) -> str:
    """The reason an OSError gives, for the clerk (our own messages raised as OSError pass through)."""
    known = _OS_ERRORS.get(exc.errno) if exc.errno is not None else None
    if known:
        return _(known)
    return exc.strerror or str(exc)
