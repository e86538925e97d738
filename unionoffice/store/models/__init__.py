"""All models, so that ``Base.metadata`` knows every table.

Each register keeps its models in a module of its own here; this package imports them all,
so adding a register never means editing a shared list.
"""

import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

from unionoffice.store.models.core import (  # noqa: E402
    AuditEntry,
    Group,
    Member,
    MembershipEvent,
    Setting,
)

__all__ = ["AuditEntry", "Group", "Member", "MembershipEvent", "Setting"]
