#!/usr/bin/env bash
# Refreshes the browser libraries served from wwwroot/lib (no CDN: pages work offline). The copied
# files are committed, so neither the app nor the tests need npm; run this only to change a
# version. Needs Node.js and npm.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"

TOM_SELECT_VERSION=2.6.2
CHART_JS_VERSION=4.6.1

command -v npm >/dev/null || die "npm is required to refresh wwwroot/lib (apt-get install npm)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
  "tom-select@$TOM_SELECT_VERSION" "chart.js@$CHART_JS_VERSION")

copy() { mkdir -p "$(dirname "$2")" && cp "$tmp/node_modules/$1" "$2"; }
copy tom-select/dist/js/tom-select.complete.min.js wwwroot/lib/tom-select/tom-select.complete.min.js
copy tom-select/dist/css/tom-select.bootstrap5.min.css wwwroot/lib/tom-select/tom-select.bootstrap5.min.css
copy tom-select/LICENSE wwwroot/lib/tom-select/LICENSE
copy chart.js/dist/chart.umd.min.js wwwroot/lib/chart.js/chart.umd.min.js
copy chart.js/LICENSE.md wwwroot/lib/chart.js/LICENSE.md
say "wwwroot/lib: tom-select $TOM_SELECT_VERSION, chart.js $CHART_JS_VERSION"
