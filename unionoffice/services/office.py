"""Office settings (单位设置) and the groups/departments list."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.store.actor import require_administrator
from unionoffice.store.models import Group, Setting


class OfficeError(ValueError):
    """A refused settings change; the message is for the user."""


@dataclass
class OfficeSettings:
    union_name: str = ""  # 工会名称, e.g. XX公司工会委员会
    parent_union: str = ""  # 上级工会
    signature_unit: str = ""  # 落款单位 used under reports
    language: str = "auto"  # auto | zh_CN | en
    chair_name: str = ""  # 工会主席, printed on forms' footers
    document_language: str = "zh_CN"  # the language of the summary and the printed forms (zh_CN | en)


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def document_language(session: Session) -> str:
    """The language summaries and printed forms are written in (Chinese unless the office chose English)."""
    return get_setting(session, "document_language", "zh_CN") or "zh_CN"


def load_settings(session: Session) -> OfficeSettings:
    values = {s.key: s.value for s in session.scalars(select(Setting))}
    defaults = OfficeSettings()
    return OfficeSettings(**{f.name: values.get(f.name, getattr(defaults, f.name)) for f in fields(OfficeSettings)})


def save_settings(session: Session, settings: OfficeSettings) -> None:
    before = load_settings(session)
    if before != settings:  # on a server office the settings are the administrator's
        require_administrator(session, _("Only an administrator can change the office settings; nothing was changed."))
    for f in fields(OfficeSettings):
        set_setting(session, f.name, str(getattr(settings, f.name)).strip())
    if before != settings:
        record(
            session,
            AuditAction.UPDATE,
            "settings",
            None,
            _("Office settings changed"),
            before=before.__dict__,
            after=settings.__dict__,
        )


# --- groups --------------------------------------------------------------------------------

def list_groups(session: Session, include_retired: bool = True) -> list[Group]:
    query = select(Group).order_by(Group.position, Group.id)
    if not include_retired:
        query = query.where(Group.retired.is_(False))
    return list(session.scalars(query))


def _check_name(session: Session, name: str, exclude_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise OfficeError(_("A group needs a name."))
    clash = session.scalar(select(Group).where(Group.name == name))
    if clash is not None and clash.id != exclude_id:
        raise OfficeError(_("A group named “{name}” already exists.").format(name=name))
    return name


def add_group(session: Session, name: str) -> Group:
    name = _check_name(session, name)
    last = session.scalar(select(func.max(Group.position))) or 0
    group = Group(name=name, position=last + 1, retired=False)
    session.add(group)
    session.flush()
    record(session, AuditAction.CREATE, "group", group.id, _("Group added: {name}").format(name=name), after=snapshot(group))
    return group


def find_or_add_group(session: Session, name: str) -> Group:
    """The group with this name, created when missing (imports use this)."""
    name = " ".join(name.split())
    found = session.scalar(select(Group).where(Group.name == name))
    return found if found is not None else add_group(session, name)


def find_or_add_groups(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Every group by name → id, the missing ones of ``names`` added at the end of the list in
    one flush, each with its audit entry (an import naming 60 new departments)."""
    known = dict(session.execute(select(Group.name, Group.id)).all())
    missing = list(dict.fromkeys(n for n in (" ".join(name.split()) for name in names) if n and n not in known))
    if not missing:
        return known
    last = session.scalar(select(func.max(Group.position))) or 0
    groups = [Group(name=name, position=last + i, retired=False) for i, name in enumerate(missing, start=1)]
    session.add_all(groups)
    session.flush()
    for group in groups:
        record(session, AuditAction.CREATE, "group", group.id, _("Group added: {name}").format(name=group.name),
               after=snapshot(group))
        known[group.name] = group.id
    return known


def rename_group(session: Session, group_id: int, new_name: str) -> Group:
    group = _get(session, group_id)
    before = snapshot(group)
    group.name = _check_name(session, new_name, exclude_id=group_id)
    record(session, AuditAction.UPDATE, "group", group.id, _("Group renamed: {name}").format(name=group.name), before, snapshot(group))
    return group


def set_group_retired(session: Session, group_id: int, retired: bool) -> Group:
    """Retired groups keep their members and history but are not offered for new records."""
    group = _get(session, group_id)
    before = snapshot(group)
    group.retired = retired
    message = _("Group retired: {name}") if retired else _("Group back in use: {name}")
    record(session, AuditAction.UPDATE, "group", group.id, message.format(name=group.name), before, snapshot(group))
    return group


def move_group(session: Session, group_id: int, offset: int) -> None:
    """Move a group up (negative) or down (positive) in the list order."""
    groups = list_groups(session)
    index = next((i for i, g in enumerate(groups) if g.id == group_id), None)
    if index is None:
        raise OfficeError(_("That group no longer exists."))
    target = max(0, min(len(groups) - 1, index + offset))
    if target == index:
        return
    groups.insert(target, groups.pop(index))
    for position, group in enumerate(groups, start=1):
        group.position = position
    record(session, AuditAction.UPDATE, "group", group_id, _("Group order changed"))


def _get(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise OfficeError(_("That group no longer exists."))
    return group
