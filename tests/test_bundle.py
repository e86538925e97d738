"""The PyInstaller bundle carries everything: build it with installer/unionoffice.spec and run from it.

Slow (PyInstaller takes about a minute on two cores), so marked `bundle`: skip locally with
``-m 'not bundle'``. Set UNIONOFFICE_BUNDLE to a built dist/UnionOffice folder (``make bundle``) to test
that one instead of building. The bundled programs run with a clean environment (no PYTHONPATH, a
working folder outside the checkout), so nothing is found in the source tree by accident.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from unionoffice import __version__

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "unionoffice.spec"
BUNDLE_ENV = "UNIONOFFICE_BUNDLE"
BUILD_TIMEOUT = 1200
RUN_TIMEOUT = 300
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
DEMO_UNION_NAME = "示例市演示机械有限公司工会委员会"
# The window program has no console on Windows, so its output cannot be read there: use the console twin.
GUI_PROGRAM = "unionoffice-cli" if sys.platform == "win32" else "UnionOffice"


def _program(bundle: Path, name: str) -> Path:
    return bundle / f"{name}{EXE_SUFFIX}"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dist/UnionOffice folder: the one named by UNIONOFFICE_BUNDLE, or one built for this run."""
    given = os.environ.get(BUNDLE_ENV)
    if given:
        folder = Path(given).resolve()
        assert _program(folder, "unionoffice-cli").exists(), f"{BUNDLE_ENV}={given} holds no built bundle"
        return folder
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is not installed: pip install -e '.[dev]' (or run with -m 'not bundle')")
    work = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
    return work / "dist" / "UnionOffice"


@pytest.fixture(scope="session")
def user_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bundle-home")


def run(bundle: Path, home: Path, *args: str, program: str = "unionoffice-cli",
        lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    """Run a bundled program headless, away from the checkout, with its own user folders."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONHOME", "UNIONOFFICE_DB", "UNIONOFFICE_RESOURCES")}
    env.update({
        "QT_QPA_PLATFORM": "offscreen", "UNIONOFFICE_LANG": lang, "PYTHONIOENCODING": "utf-8",
        "HOME": str(home), "USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
        "LOCALAPPDATA": str(home / "AppData" / "Local"), "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    })
    return subprocess.run([str(_program(bundle, program)), *args], cwd=home, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=RUN_TIMEOUT)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def demo_db(bundle: Path, user_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo office, written by the bundled program (so its migrations ran from the bundle)."""
    path = tmp_path_factory.mktemp("bundle-db") / "office.sqlite3"
    ok(run(bundle, user_home, "--db", str(path), "demo", "--size", "small"))
    return path


@pytest.fixture(scope="session")
def commands(bundle: Path, user_home: Path) -> set[str]:
    """The subcommands the bundled program lists in its --help."""
    help_text = ok(run(bundle, user_home, "--help", lang="en")).stdout
    return set(re.findall(r"^ {4}([a-z][a-z-]*)\s", help_text, flags=re.MULTILINE))


def require(commands: set[str], name: str) -> None:
    assert name in commands, f"the bundled program has no `{name}` command"


def test_version_is_the_package_version(bundle: Path, user_home: Path) -> None:
    assert ok(run(bundle, user_home, "--version")).stdout.strip() == f"unionoffice {__version__}"


def test_demo_writes_the_office_through_bundled_migrations(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as con:
        members = con.execute("SELECT count(*) FROM members").fetchone()[0]
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert members >= 100
    assert version == max(p.name[:4] for p in (ROOT / "unionoffice/store/migrations/versions").glob("[0-9]*.py"))


def test_info_speaks_chinese_from_the_bundled_catalog(bundle: Path, user_home: Path, demo_db: Path) -> None:
    out = ok(run(bundle, user_home, "--db", str(demo_db), "info")).stdout
    assert "结构版本" in out
    assert re.search(r"^\s+members\s+\d+$", out, flags=re.MULTILINE)


def test_self_check_opens_every_page_of_the_window(bundle: Path, user_home: Path, demo_db: Path,
                                                    tmp_path: Path) -> None:
    from unionoffice.gui.pages import PAGES

    db = tmp_path / "office.sqlite3"
    shutil.copy(demo_db, db)
    out = ok(run(bundle, user_home, "--db", str(db), "--self-check", program=GUI_PROGRAM)).stdout
    assert re.search(rf"已打开 {len(PAGES)} 个页面", out), out


def test_bundle_carries_every_resource_form_and_migration(bundle: Path) -> None:
    internal = bundle / "_internal"
    expected = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and p.suffix not in (".po", ".pot")]
    expected += [p for p in (ROOT / "ui").rglob("*.ui")]
    expected += list((ROOT / "unionoffice/store/migrations").rglob("*.py"))
    missing = [str(p.relative_to(ROOT)) for p in expected
               if "__pycache__" not in p.parts and not (internal / p.relative_to(ROOT)).is_file()]
    assert missing == []


def test_bundle_ships_compiled_catalogs_not_sources(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "resources/locale/zh_CN/LC_MESSAGES/unionoffice.mo").is_file()
    assert not list((internal / "resources/locale").rglob("*.po"))


def test_bundle_leaves_out_unused_qt_modules(bundle: Path) -> None:
    pyside = bundle / "_internal" / "PySide6"
    unused = ("QtQml", "QtQuick", "QtWebEngineCore", "QtMultimedia", "QtOpenGL")
    present = [p.name for p in pyside.iterdir() if p.name.split(".")[0] in unused]
    assert present == []


def run_from_source(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command from the checkout: tells a bundle fault from a fault of the command itself."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "UNIONOFFICE_LANG": "zh_CN",
           "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    return subprocess.run([sys.executable, "-m", "unionoffice", *args], cwd=home, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=RUN_TIMEOUT)


def ok_or_broken_in_source(result: subprocess.CompletedProcess[str], home: Path, *args: str) -> None:
    """Pass a success; on failure, say whether the same command fails from source too (then the fault is
    the command's, not the bundle's) — a failure either way."""
    if result.returncode == 0:
        return
    source = run_from_source(home, *args)
    where = "from source too" if source.returncode != 0 else "only from the bundle"
    last = (result.stderr.strip().splitlines() or ["?"])[-1]
    pytest.fail(f"`{args[0]}` fails {where}: {last}")


# A template of office figures only, so the check does not hang on the other registers' figures; the rare
# characters need the fallback font.
SMALL_TEMPLATE = """name = "bundle"
title = "{office.union_name}{office.period}工作总结"

[[parts]]
key = "basic"
heading = "基本情况"
paragraphs = [["{office.period}，本会认真履行工会各项职能。会员姓名用字：䶮、𠇔"]]
"""


def write_report(bundle: Path, home: Path, demo_db: Path, tmp_path: Path, suffix: str) -> Path:
    template = tmp_path / "small.toml"
    template.write_text(SMALL_TEMPLATE, encoding="utf-8")
    db = tmp_path / "office.sqlite3"
    shutil.copy(demo_db, db)
    out = tmp_path / f"x{suffix}"
    today = dt.date.today()
    args = ("report", "--db", str(db), "--from", (today - dt.timedelta(days=364)).isoformat(),
            "--to", today.isoformat(), "--template", str(template), "--out", str(out))
    ok_or_broken_in_source(run(bundle, home, *args), home, *args)
    return out


def test_report_writes_a_pdf_with_embedded_fonts(bundle: Path, user_home: Path, demo_db: Path, commands: set[str],
                                                  tmp_path: Path) -> None:
    require(commands, "report")
    if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
        pytest.skip("poppler-utils (pdftotext, pdffonts) are not installed")
    pdf = write_report(bundle, user_home, demo_db, tmp_path, ".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "").replace(" ", "")
    assert DEMO_UNION_NAME in flat
    assert "䶮" in flat and "𠇔" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, "the PDF uses no fonts"
    assert all(row.split()[-5] == "yes" for row in rows), fonts  # column "emb"


def test_report_writes_a_docx(bundle: Path, user_home: Path, demo_db: Path, commands: set[str],
                              tmp_path: Path) -> None:
    require(commands, "report")
    docx = write_report(bundle, user_home, demo_db, tmp_path, ".docx")
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert DEMO_UNION_NAME in re.sub(r"<[^>]+>", "", body)


def test_report_with_the_shipped_standard_template(bundle: Path, user_home: Path, demo_db: Path,
                                                  commands: set[str], tmp_path: Path) -> None:
    """The default template and every register's figures travel in the bundle."""
    require(commands, "report")
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    db = tmp_path / "office.sqlite3"
    shutil.copy(demo_db, db)
    out = tmp_path / "standard.pdf"
    today = dt.date.today()
    args = ("report", "--db", str(db), "--from", f"{today.year}-01-01", "--to", today.isoformat(), "--out", str(out))
    ok_or_broken_in_source(run(bundle, user_home, *args), user_home, *args)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "").replace(" ", "")
    for heading in ("一、基本情况", "二、主要工作和成效", "本会共有会员", "五、下一步工作打算"):
        assert heading in flat, heading


def test_backup_then_verify_round_trip(bundle: Path, user_home: Path, demo_db: Path, commands: set[str],
                                       tmp_path: Path) -> None:
    require(commands, "backup")
    require(commands, "verify")
    db = tmp_path / "office.sqlite3"
    shutil.copy(demo_db, db)
    target = tmp_path / "usb"
    target.mkdir()
    ok(run(bundle, user_home, "backup", "--db", str(db), "--to", str(target)))
    archives = list(target.glob("*.uobak"))
    assert len(archives) == 1
    ok(run(bundle, user_home, "verify", str(archives[0])))


def test_encrypted_backup_verifies_with_its_password(bundle: Path, user_home: Path, demo_db: Path,
                                                     commands: set[str], tmp_path: Path) -> None:
    require(commands, "backup")
    require(commands, "verify")
    db = tmp_path / "office.sqlite3"
    shutil.copy(demo_db, db)
    password = tmp_path / "password.txt"
    password.write_text("工会2026\n", encoding="utf-8")
    target = tmp_path / "usb"
    target.mkdir()
    ok(run(bundle, user_home, "backup", "--db", str(db), "--to", str(target), "--password-file", str(password)))
    (archive,) = target.glob("*.uobak")
    ok(run(bundle, user_home, "verify", str(archive), "--password-file", str(password)))


def _load_make_portable():
    spec = importlib.util.spec_from_file_location("make_portable", ROOT / "installer" / "make_portable.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_portable_zip_keeps_the_data_beside_the_program(bundle: Path, user_home: Path, tmp_path: Path) -> None:
    zip_path = _load_make_portable().make_portable(bundle, tmp_path / "portable.zip", compresslevel=1)
    unpacked = tmp_path / "usb"
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            archive.extract(info, unpacked)
            mode = info.external_attr >> 16
            if mode:
                (unpacked / info.filename).chmod(mode & 0o777)
    program = unpacked / "UnionOffice"
    assert (program / "portable.txt").is_file()
    ok(run(program, user_home, "demo", "--size", "small"))
    assert (program / "data" / "unionoffice.sqlite3").is_file()
    assert not list(user_home.rglob("unionoffice.sqlite3"))
