"""Ctrl-C while the program's modules still load gives one line, not a traceback
(unionoffice/early_interrupt.py); every other uncaught exception shows as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from unionoffice import early_interrupt


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def _interrupted(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr
    if os.name == "posix":  # Python ends the process by SIGINT, as for any unhandled Ctrl-C: the shell's 130
        assert done.returncode == -signal.SIGINT


def test_before_the_language_is_loaded_the_line_is_in_both_languages():
    done = _python("import sys, unionoffice; assert 'unionoffice.i18n' not in sys.modules; raise KeyboardInterrupt")
    _interrupted(done)
    assert done.stderr == early_interrupt.BEFORE_LANGUAGE


def test_once_the_language_is_loaded_the_line_is_the_commands_own():
    done = _python("import unionoffice.i18n; raise KeyboardInterrupt", UNIONOFFICE_LANG="zh_CN")
    _interrupted(done)
    assert done.stderr.strip() == "已中断。已经保存的数据完好；未完成的更改没有保存。"


def test_the_line_is_the_one_the_command_guard_prints():
    from unionoffice import cli_guard

    source = open(cli_guard.__file__, encoding="utf-8").read()
    assert f'_("{early_interrupt.INTERRUPTED}")' in source


@pytest.mark.parametrize("error", ["ValueError('x')", "SystemExit(3)"])
def test_other_exceptions_show_as_before(error):
    done = _python(f"import unionoffice; raise {error}")
    if error.startswith("SystemExit"):
        assert done.returncode == 3 and done.stderr == ""
    else:
        assert done.returncode == 1 and "Traceback" in done.stderr and "ValueError: x" in done.stderr
