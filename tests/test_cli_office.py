"""`unionoffice --version`, `demo`, `info`, and language selection."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from unionoffice import __version__
from unionoffice.cli import main
from unionoffice.i18n import _, choose_language, set_language


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def _names(path):
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM members ORDER BY id")]


def test_demo_is_reproducible_and_about_300_members(tmp_path, capsys):
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert main(["demo", "--db", str(a), "--until", "2026-06-30"]) == 0
    assert main(["demo", "--db", str(b), "--until", "2026-06-30"]) == 0
    assert _names(a) == _names(b)
    assert len(_names(a)) == 300
    with sqlite3.connect(a) as conn:
        last = conn.execute("SELECT MAX(date) FROM membership_events").fetchone()[0]
        union = conn.execute("SELECT value FROM settings WHERE key='union_name'").fetchone()[0]
    assert last <= "2026-06-30"
    assert "演示" in union  # the office is clearly fictional


def test_demo_refuses_a_database_with_members(tmp_path, capsys):
    path = tmp_path / "a.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    assert main(["demo", "--db", str(path)]) == 2
    assert "已有会员数据" in capsys.readouterr().err
    assert len(_names(path)) == 300


def test_info_prints_schema_version_and_counts(tmp_path, capsys):
    path = tmp_path / "a.sqlite3"
    main(["demo", "--db", str(path)])
    capsys.readouterr()
    assert main(["info", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "结构版本：" in out
    assert any(line.split() == ["members", "300"] for line in out.splitlines())


def test_info_on_a_missing_file_fails_clearly(tmp_path, capsys):
    assert main(["info", "--db", str(tmp_path / "nope.sqlite3")]) == 2
    assert "不存在" in capsys.readouterr().err
    assert not (tmp_path / "nope.sqlite3").exists()


def test_db_environment_variable_is_used(tmp_path, monkeypatch, capsys):
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("UNIONOFFICE_DB", str(path))
    assert main(["demo"]) == 0
    assert len(_names(path)) == 300


def test_portable_marker_keeps_data_beside_the_program(tmp_path, monkeypatch):
    from unionoffice import paths

    monkeypatch.setattr(paths, "program_dir", lambda: tmp_path)
    assert paths.default_db_path().parent != tmp_path / "data"
    (tmp_path / "portable.txt").write_text("")
    assert paths.default_db_path() == tmp_path / "data" / paths.DB_FILENAME


@pytest.mark.parametrize(
    "env, setting, expected",
    [({"LANG": "en_US.UTF-8"}, "auto", "en"), ({"LANG": "zh_CN.UTF-8"}, "auto", "zh_CN"),
     ({"LANG": "C"}, "auto", "zh_CN"), ({"LANG": "en_US.UTF-8"}, "zh_CN", "zh_CN"),
     ({"LANG": "zh_CN.UTF-8"}, "en", "en")],
)
def test_language_follows_the_setting_then_the_system(monkeypatch, env, setting, expected):
    monkeypatch.delenv("UNIONOFFICE_LANG", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert choose_language(setting) == expected


def test_english_shows_the_source_texts_and_dates():
    from unionoffice.i18n import format_date

    set_language("en")
    try:
        assert _("Members") == "Members"
        assert format_date(dt.date(2026, 7, 5)) == "July 5, 2026"
    finally:
        set_language("zh_CN")
    assert _("Members") == "会员"
    assert format_date(dt.date(2026, 7, 5)) == "2026年7月5日"


def test_argparse_speaks_chinese_and_a_bad_date_is_named(capsys, monkeypatch):
    from unionoffice.i18n import LANGUAGE_ENV

    monkeypatch.setenv(LANGUAGE_ENV, "zh_CN")
    with pytest.raises(SystemExit):
        main(["report", "--from", "abc", "--to", "2026-06-30", "--out", "x.pdf"])
    err = capsys.readouterr().err
    assert err.startswith("用法：") and "错误" in err and "abc" in err
    assert "usage" not in err and "fromisoformat" not in err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "显示本帮助并退出" in out and "show this help" not in out


def test_an_os_error_is_explained_in_chinese_whatever_python_says():
    import errno

    from unionoffice.i18n import os_error_text

    set_language("zh_CN")
    try:
        assert os_error_text(FileNotFoundError(errno.ENOENT, "No such file or directory", "x.uobak")) == "文件或文件夹不存在"
        assert "Excel" in os_error_text(PermissionError(errno.EACCES, "Permission denied"))
        assert os_error_text(OSError("已是中文的说明")) == "已是中文的说明"
    finally:
        set_language(choose_language())
