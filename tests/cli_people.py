"""Commands on a server office sign in: the office's first 管理员 and the environment a command reads."""

from __future__ import annotations

ADMIN, PASSWORD = "it", "first-admin-pw"


def sign_in_commands(target: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On a server office (``target`` a postgresql:// URL): create its first 管理员 (as IT does once the
    office is on the server) and let the commands sign in as them through UNIONOFFICE_USER and
    UNIONOFFICE_PASSWORD. A local file needs neither."""
    from unionoffice.store.server import is_server_url

    if not is_server_url(target):
        return
    from unionoffice.services.accounts import add_user
    from unionoffice.store.server import open_server_database

    db = open_server_database(target)
    with db.session() as session:
        add_user(session, ADMIN, PASSWORD, "admin")
    db.close()
    monkeypatch.setenv("UNIONOFFICE_USER", ADMIN)
    monkeypatch.setenv("UNIONOFFICE_PASSWORD", PASSWORD)
