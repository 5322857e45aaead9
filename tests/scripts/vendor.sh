#!/usr/bin/env bash
# Copies the NHS.UK frontend's compiled CSS and images from .tools/ (npm) into www/vendor/
# (git-ignored) for Trunk. The CSS's @font-face rules load fonts from another host, and the
# page must make no foreign request, so they are dropped: text falls back to Arial, as the
# NHS.UK CSS itself specifies.
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=.tools/node_modules/nhsuk-frontend/dist/nhsuk
[ -d "$SRC" ] || { echo "vendor: $SRC is missing: run make setup" >&2; exit 1; }
mkdir -p www/vendor/assets
sed -E 's/@font-face\{[^}]*\}//g' "$SRC/nhsuk-frontend.min.css" > www/vendor/nhsuk-frontend.min.css
if grep -q 'https\?://' www/vendor/nhsuk-frontend.min.css; then
  echo "vendor: the NHS.UK CSS still names another host:" >&2
  grep -o 'https\?://[^)"]*' www/vendor/nhsuk-frontend.min.css | sort -u >&2
  exit 1
fi
cp "$SRC/nhsuk-frontend.min.js" www/vendor/nhsuk-frontend.min.js
rm -rf www/vendor/assets/images
cp -r "$SRC/assets/images" www/vendor/assets/images
