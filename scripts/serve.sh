#!/usr/bin/env bash
# Set up, put the bundled example pages (with entities and quotes) into build/demo.db, then
# serve that corpus at http://127.0.0.1:8000/ (web page; JSON API under /api/v1, docs at
# /docs). Extra arguments go to `quotidien serve` (--port 9000, --token SECRET, --host …).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh en,encoder
mkdir -p build
.venv/bin/quotidien ingest examples/ --db build/demo.db --quiet  # a second run adds nothing
exec .venv/bin/quotidien serve --db build/demo.db "$@"
