"""Two PCs in the window: the member form refuses to save over someone else's save and offers to
reload; the members page shows what another PC changed when it is shown again."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.roster_helpers import add, an_id
from tests.two_pcs import open_pair, work_as
from unionoffice.gui import conflicts
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages.members import MembersPage
from unionoffice.services import members as svc
from unionoffice.services.members import MemberData
from unionoffice.store.models import Member


# SQLite only for now: the members page's search is still SQLite SQL (GLOB/instr, "?" marks), which the
# server-office opening work makes engine-neutral; the services under it are tested on both engines
# (test_record_versions.py).
@pytest.fixture(params=["sqlite"])
def pcs(request, tmp_path):
    a, b = open_pair(request.param, tmp_path)
    work_as(a, "wang", display_name="王干事")
    work_as(b, "li", display_name="李主席")
    with a.session() as s:
        add(s, "张三", id_number=an_id(dt.date(1990, 3, 5), seed=1))
    yield a, b
    a.close()
    b.close()


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    return shown


def _edit_on(db, **changes):
    with db.session() as s:
        member = s.query(Member).one()
        svc.update_member(s, member.id, dataclasses.replace(MemberData.of(member), **changes), member.version)


def test_the_form_refuses_to_save_over_another_pcs_save_and_reloads(qtbot, pcs, warnings, monkeypatch):
    a, b = pcs
    page = MembersPage(AppContext(a))
    qtbot.addWidget(page)
    asked = []
    monkeypatch.setattr(conflicts, "offer_reload", lambda parent, title, error: asked.append(str(error)) or True)
    dialog = page.open_member(page.model.member_id(0))
    _edit_on(b, phone="13800000000")  # PC B saves while PC A's form is open
    dialog.post.setText("钳工")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert len(asked) == 1 and "李主席 (li)" in asked[0]
    with a.session() as s:
        member = s.query(Member).one()
        assert (member.phone, member.post, member.version) == ("13800000000", "", 2)
    reloaded = page.reloaded_dialog
    assert reloaded.phone.text() == "13800000000" and reloaded.loaded_version == 2
    reloaded.post.setText("钳工")  # saved over the version it shows now: accepted
    reloaded.buttons.button(reloaded.buttons.StandardButton.Save).click()
    with a.session() as s:
        member = s.query(Member).one()
        assert (member.phone, member.post, member.version, member.changed_by) == ("13800000000", "钳工", 3, "王干事 (wang)")


def test_the_members_page_shows_another_pcs_change_when_shown_again(qtbot, pcs):
    a, b = pcs
    page = MembersPage(AppContext(a))
    qtbot.addWidget(page)
    page.show()
    page.hide()
    with b.session() as s:
        add(s, "李四", id_number=an_id(dt.date(2000, 6, 1), seed=3))
    assert page.model.rowCount() == 1
    page.show()
    assert page.model.rowCount() == 2


def test_the_activity_form_refuses_to_save_over_another_pcs_save(qtbot, pcs, warnings, monkeypatch):
    from unionoffice.gui.pages.activities import ActivitiesPage
    from unionoffice.services import activities
    from unionoffice.services.activities import ActivityData
    from unionoffice.store.models.ledgers import Activity

    a, b = pcs
    with a.session() as s:
        activity_id = activities.create_activity(s, ActivityData(title="读书会", kind="festival",
                                                                 start_date=dt.date(2026, 3, 8)), []).id
    asked = []
    monkeypatch.setattr(conflicts, "offer_reload", lambda parent, title, error: asked.append(str(error)) or False)
    page = ActivitiesPage(AppContext(a))
    qtbot.addWidget(page)
    dialog = page.edit(activity_id)
    with b.session() as s:  # PC B renames it meanwhile
        activities.update_activity(s, activity_id, dataclasses.replace(activities.get_activity(s, activity_id).data,
                                                                       title="读书分享会"))
    dialog.title.setText("读书会（改）")
    dialog.accept()
    assert len(asked) == 1 and "李主席 (li)" in asked[0]
    with a.session() as s:
        stored = s.get(Activity, activity_id)
        assert (stored.title, stored.version) == ("读书分享会", 2)


def test_the_visit_form_refuses_to_save_over_another_pcs_save(qtbot, pcs, warnings, monkeypatch):
    from tests.relief_fixtures import add_member, visit
    from unionoffice.gui.relief import visits_tab as visits_tab_module
    from unionoffice.gui.relief.visit_dialog import VisitDialog
    from unionoffice.services import relief
    from unionoffice.store.models.relief import ReliefVisit

    a, b = pcs
    with a.session() as s:
        visit_id = visit(s, add_member(s, "王芳"), 50000).id
    asked = []
    monkeypatch.setattr(conflicts, "offer_reload", lambda parent, title, error: asked.append(str(error)) or False)

    def change_elsewhere_then_accept(self) -> int:
        with b.session(write=True) as s:  # PC B corrects the amount while this form is open
            stored = s.get(ReliefVisit, visit_id)
            relief.update_visit(s, visit_id, dataclasses.replace(relief.visit_input(stored), cash_fen=80000))
        self.accept()
        return self.result()

    monkeypatch.setattr(VisitDialog, "exec", change_elsewhere_then_accept)
    tab = visits_tab_module.VisitsTab(AppContext(a))
    qtbot.addWidget(tab)
    tab.open_record(visit_id)
    assert len(asked) == 1 and "李主席 (li)" in asked[0]
    with a.session() as s:
        stored = s.get(ReliefVisit, visit_id)
        assert (stored.cash_fen, stored.version, stored.changed_by) == (80000, 2, "李主席 (li)")


def test_the_activities_page_shows_another_pcs_new_activity_when_shown_again(qtbot, pcs):
    from unionoffice.gui.pages.activities import ActivitiesPage
    from unionoffice.services import activities
    from unionoffice.services.activities import ActivityData

    a, b = pcs
    page = ActivitiesPage(AppContext(a))
    qtbot.addWidget(page)
    page.show()
    page.hide()
    with b.session() as s:
        activities.create_activity(s, ActivityData(title="读书会", kind="festival", start_date=dt.date.today()), [])
    assert page.model.rowCount() == 0
    page.show()
    assert page.model.rowCount() == 1


def test_the_visits_tab_shows_another_pcs_visit_when_shown_again(qtbot, pcs):
    from tests.relief_fixtures import add_member, visit
    from unionoffice.gui.relief.visits_tab import VisitsTab

    a, b = pcs
    tab = VisitsTab(AppContext(a))
    qtbot.addWidget(tab)
    tab.show()
    tab.hide()
    before = tab.model.rowCount()
    with b.session() as s:
        visit(s, add_member(s, "王芳"), 50000, day=dt.date.today())
    tab.show()
    assert tab.model.rowCount() == before + 1
