"""Printed forms are in the office's document language (Chinese unless the office chose English),
whatever the interface language: a form builder that takes the session is wrapped in it; one that
is given its data (a dues ledger, a filled template) takes the language as ``language=``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from unionoffice.i18n import using_language
from unionoffice.store.models import Setting

F = TypeVar("F", bound=Callable[..., Any])
DOCUMENT_LANGUAGE_KEY = "document_language"


def document_language(session: Session) -> str:
    row = session.get(Setting, DOCUMENT_LANGUAGE_KEY)
    return (row.value if row is not None else "") or "zh_CN"


def _stamp(result: Any, language: str) -> Any:
    from unionoffice.io.forms.model import FormDocument

    if isinstance(result, FormDocument):
        return dataclasses.replace(result, language=language)
    if isinstance(result, tuple) and result and isinstance(result[0], FormDocument):
        return (_stamp(result[0], language), *result[1:])
    return result


def in_document_language(builder: F) -> F:
    """Build (and later render) the form in the document language; ``builder(session, …)``."""

    @functools.wraps(builder)
    def wrapper(session: Session, *args: Any, **kwargs: Any) -> Any:
        language = document_language(session)
        with using_language(language):
            return _stamp(builder(session, *args, **kwargs), language)

    return wrapper  # type: ignore[return-value]


def in_given_language(builder: F) -> F:
    """Build (and later render) the form in ``language=`` (the caller read the office's document
    language from its session); without it, in the current language."""

    @functools.wraps(builder)
    def wrapper(*args: Any, language: str = "", **kwargs: Any) -> Any:
        if not language:
            return builder(*args, **kwargs)
        with using_language(language):
            return _stamp(builder(*args, **kwargs), language)

    return wrapper  # type: ignore[return-value]
