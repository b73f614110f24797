#!/usr/bin/env bash
# Set up, then run the whole test suite: ruff, mypy (strict), pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh en,encoder,train,dev
# The web page's tests drive Debian's Chromium; install it where it is missing and we may.
if ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing chromium (Debian's package) for the web page's tests"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
    >/dev/null 2>&1 || echo "could not install chromium: the browser tests will skip"
fi
# The PostgreSQL store's tests start a server of their own (initdb in a temporary folder);
# Debian's package provides it.
if ! command -v pg_ctl >/dev/null && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing postgresql (Debian's package) for the PostgreSQL store's tests"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
    >/dev/null 2>&1 || echo "could not install postgresql"
fi
export QUOTIDIEN_REQUIRE_POSTGRES=1
echo "== ruff"; .venv/bin/ruff check src tests bench; .venv/bin/ruff format --check src tests bench
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/pytest -q "$@"
