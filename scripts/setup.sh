#!/usr/bin/env bash
# Installs what hazardnet needs to build, test and run on Debian 12.
# Idempotent: packages already present are left alone. Needs root (or sudo)
# only when something is missing.
set -euo pipefail

DEBS=(
  build-essential pkg-config curl ca-certificates
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev
  libutf8proc-dev libinih-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev
  fonts-noto-cjk libcmocka-dev
  postgresql postgresql-contrib
  chromium poppler-utils sqlite3 postgresql-client
)
# Node.js: a machine may already have one that bundles npm (and conflicts with
# Debian's npm package); install Debian's only when there is none.
command -v node >/dev/null 2>&1 || DEBS+=(nodejs)
command -v npm >/dev/null 2>&1 || DEBS+=(npm)

missing=()
for p in "${DEBS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front-end packages pinned by web/package-lock.json; never a browser download.
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ -f "$here/web/package.json" ]; then
  if [ ! -d "$here/web/node_modules" ] || [ "$here/web/package-lock.json" -nt "$here/web/node_modules" ]; then
    echo "setup: installing npm packages"
    (cd "$here/web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    touch "$here/web/node_modules"
  fi
fi
