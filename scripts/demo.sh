#!/usr/bin/env bash
# Set up, then extract the bundled example pages (HTML and flattened text, French and
# English) with entities and quotes, printed as Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh en,encoder
.venv/bin/quotidien extract examples/ --nlp --format markdown
