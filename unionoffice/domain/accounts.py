"""People of a server office: roles and what each may do (no I/O)."""

from __future__ import annotations

from unionoffice.domain.choices import LabelledEnum
from unionoffice.i18n import N_


class Role(LabelledEnum):
    """管理员 manages people and settings; 干事 edits the records; 只读 looks (the chair, an auditor)."""

    ADMIN = ("admin", N_("Administrator"))
    CLERK = ("clerk", N_("Clerk"))
    READER = ("reader", N_("Read only"))

    @property
    def may_write(self) -> bool:
        return self is not Role.READER

    @property
    def may_manage(self) -> bool:
        return self is Role.ADMIN


MIN_USER_PASSWORD = 6
MAX_USER_NAME = 50
