# The two commands a fresh Debian/Ubuntu machine (Python 3.11+) needs: `make run`, `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test system-deps benchmark-deps catalogs readings bytecode bundle benchmark screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

# Translation catalogs are compiled as part of installing (resources/locale/*/LC_MESSAGES/*.mo).
catalogs: $(STAMP)
	$(PY) -m unionoffice.i18n_tools compile >/dev/null

# pypinyin's readings worked out once (resources/pinyin/readings.marshal, domain/pinyin_table.py):
# a roster import then starts spelling names in a tenth of the time. Quick when up to date.
readings: $(STAMP)
	$(PY) -m unionoffice.domain.pinyin_table >/dev/null

# Byte-compile the package as part of installing: where writing .pyc files is disabled
# (PYTHONDONTWRITEBYTECODE, a read-only install) every start would otherwise compile every module
# again. Quick when nothing changed; Python still recompiles a module whose source is newer.
bytecode: $(STAMP)
	$(PY) -m compileall -q -j 0 unionoffice >/dev/null

run: system-deps $(STAMP) catalogs readings bytecode
	$(PY) -m unionoffice

# pytest exits 5 when it collected no test; say so plainly instead of failing obscurely.
test: system-deps $(STAMP) catalogs readings bytecode
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

# dist/UnionOffice/ (PyInstaller, installer/unionoffice.spec), then its smoke test against that folder.
bundle: system-deps $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build installer/unionoffice.spec
	UNIONOFFICE_BUNDLE=$(CURDIR)/dist/UnionOffice QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m bundle tests/test_bundle.py

# The benchmarks' anchors also need LibreOffice Calc (scripts/install-system-deps.sh --benchmarks).
benchmark-deps:
	bash scripts/install-system-deps.sh --benchmarks

benchmark: benchmark-deps $(STAMP) catalogs readings bytecode
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

clean:
	rm -rf build dist .pytest_cache
