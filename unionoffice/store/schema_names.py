"""The names of the tables and indexes of the schema at HEAD, as the models define them, for
store/read_session.py: opening a file for reading checks its schema objects (store/schema_guard.py)
without importing SQLAlchemy and building the models. tests/test_report_read_session.py checks these
against the models; when the migrations' head is not HEAD (a newer migration), the reader does not
use them and the file is opened the usual way. Regenerate with ``python -m unionoffice.store.schema_names``.
"""

HEAD = 14

TABLES = frozenset({
    "activities", "activity_attachments", "activity_attendees", "activity_awards", "alembic_version", "audit_log",
    "dues_bases", "dues_exemptions", "dues_paid_years", "dues_payment_months", "dues_payments", "expenses", "groups",
    "hardship_causes", "hardship_family_members", "hardship_files", "hardship_monthly_incomes", "hardship_reviews",
    "hardship_rigid_costs", "hardship_status_changes", "ledger_kinds", "member_birth_tally", "member_tally",
    "member_tally_pause", "members", "membership_events", "relief_batches", "relief_occasions", "relief_visits",
    "report_drafts", "rights_case_steps", "rights_cases", "settings", "subsistence_standards", "training_attendees",
    "training_sessions", "users",
})

INDEXES = frozenset({
    "ix_activities_kind", "ix_activities_start_date", "ix_activity_attachments_activity",
    "ix_activity_attendees_member", "ix_activity_awards_activity", "ix_audit_log_at", "ix_audit_log_entity",
    "ix_dues_bases_member_year_base", "ix_dues_bases_year_member_base", "ix_dues_exemptions_member",
    "ix_dues_paid_years_member_cover", "ix_dues_paid_years_year_cover", "ix_dues_payment_months_member_month",
    "ix_dues_payment_months_month", "ix_dues_payment_months_payment", "ix_dues_payments_member",
    "ix_dues_payments_paid_on", "ix_expenses_date", "ix_hardship_files_member", "ix_hardship_files_status",
    "ix_hardship_reviews_file_date", "ix_hardship_rigid_costs_file", "ix_members_birth_date", "ix_members_card_no",
    "ix_members_composition", "ix_members_group", "ix_members_id_sex", "ix_members_join_date", "ix_members_name",
    "ix_members_name_search", "ix_members_name_sort_key", "ix_members_phone", "ix_members_pinyin_full",
    "ix_members_pinyin_initials", "ix_members_status", "ix_membership_events_member_date",
    "ix_membership_events_member_kind_date", "ix_relief_visits_batch", "ix_relief_visits_date",
    "ix_relief_visits_member", "ix_rights_cases_received", "ix_training_attendees_member",
    "ix_training_sessions_kind", "ix_training_sessions_start_date",
})


def _source() -> str:
    """This module's text for the models and migrations at hand."""
    from unionoffice.store import migrate
    from unionoffice.store.schema_guard import expected_objects

    def names(items: set[str]) -> str:
        lines, line = [], "   "
        for name in sorted(items):
            if len(line) + len(name) + 4 > 118:
                lines.append(line)
                line = "   "
            line += f' "{name}",'
        return "\n".join([*lines, line])

    tables, indexes = expected_objects()
    return (f'"""{__doc__}"""\n\nHEAD = {migrate.head_version()}\n\nTABLES = frozenset({{\n{names(tables)}\n}})\n\n'
            f'INDEXES = frozenset({{\n{names(indexes)}\n}})\n')


if __name__ == "__main__":
    import pathlib

    text = pathlib.Path(__file__).read_text(encoding="utf-8")
    pathlib.Path(__file__).write_text(_source() + text[text.index("\n\ndef _source"):], encoding="utf-8")
