"""Where the translation catalogs live and how a language's .po files merge into one catalog.

Kept apart from unionoffice.i18n (which translates) and unionoffice.i18n_tools (which maintains
the catalogs) so that neither has to import the other to load or compile a catalog.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from unionoffice.paths import resources_dir

if TYPE_CHECKING:  # babel's catalog tools load only when a catalog is compiled, not on every start
    from babel.messages.catalog import Catalog

DOMAIN = "unionoffice"


def locale_dir() -> Path:
    return resources_dir() / "locale"


def compiled_catalog_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def catalog_sources(language: str) -> list[Path]:
    return sorted((locale_dir() / language).glob("*.po"))


def merged_catalog(language: str) -> Catalog:
    """All of a language's .po files as one catalog (the first translation of an id wins)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    merged = Catalog(locale=language, domain=DOMAIN)
    for path in catalog_sources(language):
        with path.open("rb") as fh:
            part = read_po(fh, locale=language)
        for message in part:
            if message.id and message.id not in merged and message.string:
                merged[message.id] = message
    return merged


def write_mo_bytes(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
