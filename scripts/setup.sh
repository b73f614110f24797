#!/usr/bin/env bash
# Create .venv (if missing) and install quotidien with the given extras, pinned.
# Usage: scripts/setup.sh [EXTRAS]   e.g. scripts/setup.sh en,dev
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-en}"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "quotidien needs Python >= 3.11 (found: $("$python" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)-${extras//,/-}"
if [ ! -e "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[${extras}]"
  touch "$stamp"
fi
