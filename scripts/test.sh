#!/usr/bin/env bash
# Set up, then run the whole test suite: ruff, mypy (strict), pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh en,encoder,dev
echo "== ruff"; .venv/bin/ruff check src tests bench; .venv/bin/ruff format --check src tests bench
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/pytest -q "$@"
