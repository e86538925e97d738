"""The figures of a summary, each register's provider run only when its namespace is first read.

A summary quotes some namespaces of the previous year (for 同比) and none of others: counting a
20,000-member dues ledger for last year that no sentence compares is wasted time. The mapping
behaves like the eager ``collect()`` dict (same keys, same order, same values once read); it reads
the database through the session it was made with, so it is used inside that session only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from sqlalchemy.orm import Session

from unionoffice.reports import figures as figures_module
from unionoffice.reports.figures import Names, Period

Values = dict[str, Any]


class LazyFigures(MutableMapping[str, Any]):
    """namespace → that provider's figures, computed by ``compute(namespace)`` on first read."""

    def __init__(self, namespaces: list[str], compute: Callable[[str], Any]) -> None:
        self._names = list(namespaces)
        self._compute = compute
        self._values: dict[str, Any] = {}

    def __getitem__(self, namespace: str) -> Any:
        try:
            return self._values[namespace]
        except KeyError:
            if namespace not in self._names:
                raise
        value = self._values[namespace] = self._compute(namespace)
        return value

    def __setitem__(self, namespace: str, value: Any) -> None:
        if namespace not in self._names:
            self._names.append(namespace)
        self._values[namespace] = value

    def __delitem__(self, namespace: str) -> None:
        self._names.remove(namespace)
        self._values.pop(namespace, None)

    def __contains__(self, namespace: object) -> bool:
        return namespace in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def computed(self) -> list[str]:
        """The namespaces read so far (for tests and benchmarks)."""
        return [name for name in self._names if name in self._values]


def lazy_collect(session: Session, period: Period) -> LazyFigures:
    """What ``figures.collect`` returns, each namespace counted when first read."""
    modules = {module.NAMESPACE: module for module in figures_module.provider_modules()}
    return LazyFigures(list(modules), lambda namespace: modules[namespace].provide(session, period))


def _without_names(values: Values, dropped: frozenset[str]) -> Values:
    """A copy of one namespace's figures with the dropped highlights left out of every name list."""
    out: Values = {}
    for key, value in values.items():
        if isinstance(value, Names):
            value = value.without(dropped)
        elif isinstance(value, dict):
            value = {k: v.without(dropped) if isinstance(v, Names) else v for k, v in value.items()}
        out[key] = value
    return out


def without_names(figures: LazyFigures, dropped: frozenset[str], nested: tuple[str, ...] = ()) -> LazyFigures:
    """``figures`` without the highlights the clerk dropped, still read lazily from ``figures``;
    the namespaces in ``nested`` (last year's figures) are such mappings themselves."""
    def compute(namespace: str) -> Any:
        if namespace in nested:
            return without_names(figures[namespace], dropped)
        return _without_names(figures[namespace], dropped)

    return LazyFigures(list(figures), compute)
