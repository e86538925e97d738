"""reportlab's two patterns over all of Unicode are compiled on first use (unionoffice/wide_patterns.py)
and then do what the compiled patterns do; everything else compiles as always (no timing)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading

from unionoffice import wide_patterns

PROBE = """
import json, re, sys
import unionoffice
from reportlab.lib import textsplit
from reportlab.platypus import paragraph
kinds = {name: type(pattern).__name__ for name, pattern in (("uri", paragraph.uri_pat), ("cjk", textsplit.rx))}
print(json.dumps({"kinds": kinds, "restored": re.compile is unionoffice.wide_patterns._REAL_COMPILE,
                  "others": type(paragraph._scheme_re).__name__,
                  "loader": type(paragraph.__spec__.loader).__name__}))
"""


def _probe() -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_two_wide_patterns_are_deferred_and_nothing_else():
    found = _probe()
    assert found["kinds"] == {"uri": "DeferredPattern", "cjk": "DeferredPattern"}
    assert found["others"] == "Pattern"  # the module's other patterns are compiled as always
    assert found["restored"] is True
    assert found["loader"] == "_DeferringLoader"


def test_a_deferred_pattern_does_what_the_compiled_pattern_does():
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    uri = paragraph.uri_pat
    if isinstance(uri, wide_patterns.DeferredPattern):  # (this test process may have imported reportlab first)
        eager = re.compile(*uri._args)
    else:
        eager = uri
    for text in ("https://例子.中国/路径?q=1", "http://192.168.0.1:8080/", "ftp://user@host.example", "not a link",
                 "HTTP://EXAMPLE.COM", "https://-bad-.com"):
        assert bool(uri.match(text)) == bool(eager.match(text)), text
    assert paragraph._uri_split_pairs("https://example.com/a/b")  # reportlab's own use of it
    assert paragraph._uri_split_pairs("not a link") is None
    # (reportlab's cjkwrap, the pattern's one user, fails on its own: it calls reduce unimported)
    assert textsplit.rx.sub(r"\1 ", "工会a委") == re.compile("([\u2e80-\uffff])").sub(r"\1 ", "工会a委") == "工 会 a委 "


def test_only_the_importing_thread_and_only_wide_patterns_are_deferred():
    loader = wide_patterns._DeferringLoader(_RunsBody())
    seen: dict[str, object] = {}

    def body(module):  # the module's import: a wide pattern here, a narrow one, and one from another thread
        seen["wide"] = re.compile("[\u2e80-\uffff]")
        seen["narrow"] = re.compile("[a-z]+")
        other = threading.Thread(target=lambda: seen.__setitem__("other", re.compile("[\u2e80-\uffff]+")))
        other.start()
        other.join()

    loader._loader.body = body
    loader.exec_module(object())
    assert isinstance(seen["wide"], wide_patterns.DeferredPattern)
    assert seen["wide"].match("工") and not seen["wide"].match("a")
    assert isinstance(seen["narrow"], re.Pattern)
    assert isinstance(seen["other"], re.Pattern)
    assert re.compile is wide_patterns._REAL_COMPILE


class _RunsBody:
    body = None

    def exec_module(self, module):
        self.body(module)


def test_a_failing_import_still_restores_re_compile():
    class Failing:
        def exec_module(self, module):
            raise ImportError("broken")

    try:
        wide_patterns._DeferringLoader(Failing()).exec_module(object())
    except ImportError:
        pass
    assert re.compile is wide_patterns._REAL_COMPILE


def test_installing_twice_puts_one_finder_on_the_path():
    wide_patterns.install()
    wide_patterns.install()
    assert sum(isinstance(f, wide_patterns._DeferringFinder) for f in sys.meta_path) == 1
