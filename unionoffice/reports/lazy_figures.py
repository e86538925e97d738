"""The figures of a summary, each register's provider run only when its namespace is first read.

A summary quotes some namespaces of the previous year (for 同比) and none of others: counting a
20,000-member dues ledger for last year that no sentence compares is wasted time. The mapping
behaves like the eager ``collect()`` dict (same keys, same order, same values once read); it reads
the database through the session it was made with, so it is used inside that session only.

Last year's figures are read one at a time (a 同比 quotes members.total, training.person_times …):
a provider's ``COUNTED_ALONE`` (figure name → function of session and period) counts such a figure
by itself, and the rest of that namespace is counted only when something else of it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from unionoffice.reports import figures as figures_module
from unionoffice.reports.figures import Names, Period

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


class PiecemealFigures(Mapping[str, Any]):
    """One provider's figures: those it can count alone are counted alone when read before the rest;
    anything else (another figure, iterating) counts the whole namespace once, as ``provide`` does."""

    def __init__(self, provide: Callable[[], Values], alone: Mapping[str, Callable[[], Any]]) -> None:
        self._provide = provide
        self._alone = alone
        self._whole: Values | None = None
        self._pieces: Values = {}

    def whole(self) -> Values:
        if self._whole is None:
            self._whole = self._provide()
        return self._whole

    def __getitem__(self, name: str) -> Any:
        if self._whole is None and name in self._alone:
            if name not in self._pieces:
                self._pieces[name] = self._alone[name]()
            return self._pieces[name]
        return self.whole()[name]

    def __contains__(self, name: object) -> bool:
        if self._whole is None and name in self._alone:
            return True
        return name in self.whole()

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self.whole())


def lazy_collect(session: Session, period: Period, piecemeal: bool = False) -> LazyFigures:
    """What ``figures.collect`` returns, each namespace counted when first read; ``piecemeal``: the
    figures a provider can count alone are counted so when read first (for last year's figures)."""
    modules = {module.NAMESPACE: module for module in figures_module.provider_modules()}

    def compute(namespace: str) -> Any:
        module = modules[namespace]
        alone = getattr(module, "COUNTED_ALONE", None)
        if not (piecemeal and alone):
            return module.provide(session, period)
        return PiecemealFigures(lambda: module.provide(session, period),
                                {name: _bound(count, session, period) for name, count in alone.items()})

    return LazyFigures(list(modules), compute)


def _bound(count: Callable[[Session, Period], Any], session: Session, period: Period) -> Callable[[], Any]:
    return lambda: count(session, period)


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
