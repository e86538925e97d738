"""Start-up of the bundled program on the large demo office, beside the same program run from source.

    python benchmarks/bench_bundle.py [--bundle dist/UnionOffice] [--runs 3]

Needs a built bundle (`make bundle`). The large demo office is made by the bundled program in a temporary
folder. Prints a table of median wall-clock seconds per command.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""

# (label, program, arguments, extra environment); {db} is the large demo office.
# UNIONOFFICE_QUIT_AFTER_PAINT closes the window once it has painted, so a plain start is measurable.
CASES = [
    ("--version", "cli", ["--version"], {}),
    ("window to first paint (large office)", "gui", ["--db", "{db}"], {"UNIONOFFICE_QUIT_AFTER_PAINT": "1"}),
    ("info (large office)", "cli", ["--db", "{db}", "info"], {}),
    ("window --self-check (large office)", "gui", ["--db", "{db}", "--self-check"], {}),
]


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "UNIONOFFICE_DB")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "UNIONOFFICE_LANG": "zh_CN", "HOME": str(home),
                "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")})
    return env


def command(bundle: Path | None, program: str, args: list[str]) -> list[str]:
    if bundle is None:
        return [sys.executable, "-m", "unionoffice", *args]
    name = "UnionOffice" if program == "gui" else "unionoffice-cli"
    return [str(bundle / f"{name}{EXE_SUFFIX}"), *args]


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True, timeout=600)
    return time.perf_counter() - started


def large_office(bundle: Path, env: dict[str, str], cwd: Path) -> Path:
    """The large demo office, written by the bundled program (a fresh one each run: the schema moves on)."""
    db = cwd / "large-demo.sqlite3"
    seconds = timed(command(bundle, "cli", ["--db", str(db), "demo", "--size", "large"]), env, cwd)
    print(f"large demo office made by the bundle in {seconds:.1f} s", file=sys.stderr)
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "UnionOffice")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bundle = args.bundle.resolve()
    if not (bundle / f"unionoffice-cli{EXE_SUFFIX}").exists():
        print(f"no bundle in {bundle}: build it with `make bundle`; nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = environment(home)
        source_env = {**env, "PYTHONPATH": str(ROOT)}
        db = large_office(bundle, env, home)
        rows = []
        for label, program, case_args, extra in CASES:
            argv = [a.format(db=db) for a in case_args]
            frozen_env, case_source_env = {**env, **extra}, {**source_env, **extra}
            timed(command(bundle, program, argv), frozen_env, home)  # warm the file cache once
            frozen = [timed(command(bundle, program, argv), frozen_env, home) for _ in range(args.runs)]
            source = [timed(command(None, program, argv), case_source_env, home) for _ in range(args.runs)]
            rows.append((label, statistics.median(frozen), statistics.median(source)))
    # PyInstaller links shared libraries on Linux: count each file once.
    size_mb = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    width = max(len(r[0]) for r in rows)
    print(f"bundle: {bundle} ({size_mb:.0f} MB), median of {args.runs} runs, seconds")
    print(f"| {'command':<{width}} | bundle | source |")
    print(f"|{'-' * (width + 2)}|--------|--------|")
    for label, frozen, source in rows:
        print(f"| {label:<{width}} | {frozen:6.2f} | {source:6.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
