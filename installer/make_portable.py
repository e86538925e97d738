"""The portable build: the bundle folder zipped with ``portable.txt``, to run from a USB stick.

    python installer/make_portable.py [--bundle dist/UnionOffice] [--out dist/UnionOffice-Portable-<version>.zip]

With ``portable.txt`` beside the program, unionoffice.paths keeps the database, attachments and
backups in ``data/`` beside it instead of the user's data folder, so they travel with the stick.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unionoffice import __version__  # noqa: E402
from unionoffice.paths import PORTABLE_MARKER  # noqa: E402

# Shown to whoever opens the file; UTF-8 with BOM so Windows Notepad shows the Chinese correctly.
PORTABLE_NOTE = """\ufeff工会办公助手 便携版

本文件表示“便携模式”：程序把数据库、附件和备份保存在本文件夹的 data 子文件夹中，
不写入电脑上的用户文件夹。整个文件夹可以放在U盘上，插到哪台电脑都能直接运行
UnionOffice.exe。请勿删除本文件，否则程序会改用电脑上的数据文件夹。

UnionOffice portable edition: this file makes the program keep its database, attachments and
backups in the data folder beside it. Do not delete it.
"""


def default_zip_path(bundle: Path) -> Path:
    return bundle.parent / f"UnionOffice-Portable-{__version__}.zip"


def make_portable(bundle: Path, out: Path, compresslevel: int = 6) -> Path:
    """Zip ``bundle`` (a dist/UnionOffice folder) as UnionOffice/… with portable.txt added."""
    if not any((bundle / name).is_file() for name in ("UnionOffice.exe", "UnionOffice")):
        raise FileNotFoundError(f"{bundle} holds no built bundle (run PyInstaller first)")
    top = "UnionOffice"
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for path in sorted(bundle.rglob("*")):
            relative = path.relative_to(bundle)
            if relative.parts[0] in ("data", PORTABLE_MARKER):
                continue  # never ship a database a test run may have left in the folder
            if path.is_file():  # Linux bundles hold symlinks to libraries: stored as files (Windows has none)
                archive.write(path, f"{top}/{relative.as_posix()}")
        note = zipfile.ZipInfo(f"{top}/{PORTABLE_MARKER}", date_time=(2026, 1, 1, 0, 0, 0))
        note.external_attr = 0o644 << 16
        note.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(note, PORTABLE_NOTE.encode("utf-8"))
    partial.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Zip the bundle as the portable (USB) build.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "UnionOffice")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--compresslevel", type=int, default=6, choices=range(0, 10), metavar="0-9")
    args = parser.parse_args(argv)
    out = make_portable(args.bundle, args.out or default_zip_path(args.bundle), args.compresslevel)
    print(f"{out} ({out.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
