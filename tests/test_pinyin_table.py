"""pypinyin's readings saved at install (domain/pinyin_table.py): names read from the file exactly as
through pypinyin, without loading pypinyin; a file for other dictionaries, or a damaged one, is
passed over and pypinyin reads as before."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from pypinyin.constants import PHRASES_DICT

from unionoffice.domain import pinyin, pinyin_table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import roster_files  # noqa: E402

ODD = ["王𠇔", "𠇔明", "李A明", "abc", "张三3", "〇一", "长长长", "朝阳区", "重庆人", "Mary王", "王·小明", "行长",
       "银行行长张", "单于", "乐乐", "一行行", "和和气气", "曾曾", "欧阳行长", "司马光", "尉迟恭", "  张 三 "]


def _forget() -> None:
    for cached in (pinyin._segmenter, pinyin._read_word, pinyin._read, pinyin.name_syllables):
        cached.cache_clear()


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pinyin_table.write(tmp_path_factory.mktemp("pinyin") / "readings.marshal")


@pytest.fixture
def reading_from(monkeypatch: pytest.MonkeyPatch):
    """reading_from(path or None): names read from that file, or through pypinyin alone."""
    def use(path: Path | None) -> None:
        monkeypatch.setattr(pinyin_table, "table_path", lambda: path or Path("/nonexistent/readings.marshal"))
        _forget()

    yield use
    _forget()


def _corpus() -> list[str]:
    rng = random.Random(15)
    phrases = sorted(PHRASES_DICT)
    pieces = ["".join(p[: rng.randint(1, len(p))] for p in rng.sample(phrases, rng.randint(1, 3))) for _ in range(2000)]
    return [m["name"] for m in roster_files.members(2000)] + pieces + ODD


def test_names_read_from_the_saved_readings_as_through_pypinyin(saved, reading_from):
    names = _corpus()
    reading_from(None)
    assert pinyin._segmenter()[3] == {}  # no file: every word through pypinyin
    through_pypinyin = [pinyin.name_column_values(n) for n in names]
    reading_from(saved)
    assert pinyin._segmenter()[3]  # read from the file
    assert [pinyin.name_column_values(n) for n in names] == through_pypinyin


def test_spelling_a_name_from_the_saved_readings_does_not_load_pypinyin(saved, tmp_path):
    code = f"""
import sys
from pathlib import Path
from unionoffice.domain import pinyin, pinyin_table
pinyin_table.table_path = lambda: Path({str(saved)!r})
print(pinyin.name_column_values("欧阳行长"), "pypinyin" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "False", done.stdout
    assert "ouyanghangzhang" in done.stdout


def test_readings_saved_from_other_dictionaries_are_passed_over(saved, tmp_path, reading_from, monkeypatch):
    other = tmp_path / "readings.marshal"
    monkeypatch.setattr(pinyin_table, "dictionaries_fingerprint", lambda: "0" * 64)
    other.write_bytes(pinyin_table.build(lambda word: ("x",) * len(word), ["张三"], [ord("张")], r"^[\u4e00-\u9fff]+$"))
    monkeypatch.undo()
    assert pinyin_table.load(other) is None
    reading_from(other)
    assert pinyin.name_column_values("张三") == ("zs", "zhangsan", "zhang 张,san 三,")


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x00" * 100])
def test_a_damaged_file_is_passed_over(tmp_path, reading_from, content):
    damaged = tmp_path / "readings.marshal"
    damaged.write_bytes(content)
    assert pinyin_table.load(damaged) is None
    reading_from(damaged)
    assert pinyin.name_column_values("曾小明")[0] == "zxm"


def test_an_up_to_date_file_is_not_written_again(saved):
    before = saved.stat().st_mtime_ns
    assert pinyin_table.write(saved) == saved
    assert saved.stat().st_mtime_ns == before
