#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the program and its tests need, only those missing,
# without questions. Qt's xcb/offscreen plugins need the libraries; PDFs are checked with
# poppler-utils; fonts-wqy-microhei gives Qt a CJK font to draw Chinese with; libreoffice-writer
# lays out the DOCX summaries in tests/test_summary_render.py (the test skips without it); postgresql
# gives the tests initdb/pg_ctl for a throwaway server cluster (no service is enabled or started by them).
# --benchmarks adds libreoffice-calc: the benchmarks' anchor opens rosters (.xlsx) with it, and
# without Calc LibreOffice gives up on them in two seconds (a false anchor).
set -euo pipefail
command -v dpkg >/dev/null 2>&1 || { echo "not a Debian/Ubuntu system: install Qt's libraries yourself"; exit 0; }
wanted=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
        fonts-wqy-microhei poppler-utils libreoffice-writer postgresql)
python3 -c 'import ensurepip, venv' 2>/dev/null || wanted+=(python3-venv)
[ "${1:-}" = "--benchmarks" ] && wanted+=(libreoffice-calc)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "please install as root: apt-get install ${missing[*]}"; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
