"""What the wizard's steps share: the chosen period and template, the draft, where it is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from unionoffice.reports.draft import Draft
from unionoffice.reports.figures import Period
from unionoffice.reports.template import Template, TemplateError, load_template


@dataclass
class WizardState:
    period: Period | None = None
    template: Template | None = None
    template_error: TemplateError | None = None
    title: str = ""
    signature_unit: str = ""
    draft: Draft | None = None
    draft_id: int | None = None
    # The choices the current draft was made from; a change means drafting again.
    drafted_from: tuple | None = None
    chosen_lines: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def choose_template(self, key: str | None) -> None:
        self.template, self.template_error = load_template(key)
        self.chosen_lines = {p.key: p.lines for p in self.template.parts if p.lines}

    def effective_template(self) -> Template:
        """The template with the clerk's choice and order of lines of work."""
        assert self.template is not None
        parts = tuple(replace(p, lines=self.chosen_lines.get(p.key, p.lines)) for p in self.template.parts)
        return replace(self.template, parts=parts)

    def choices(self) -> tuple:
        return (self.period, self.template.file_key if self.template else None,
                tuple(sorted(self.chosen_lines.items())), self.title, self.signature_unit)

    @staticmethod
    def today() -> dt.date:
        return dt.date.today()
