#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) from npm into a cache folder, for the end-to-end tests.
# Usage: test/e2e/install-code-server.sh [DEST]   (default: $MLOPS_CODE_SERVER_DIR or ~/.cache/mlops-workbench/code-server)
# Why these steps: 4.100.3 is the last code-server on npm that runs on Node 20; its postinstall refuses root
# without unsafe-perm; node-pty's postinstall calls npx (needs "yes"); @vscode/ripgrep downloads from GitHub,
# which we cannot reach, so Debian's rg is placed in the cache it looks in first.
set -euo pipefail
VERSION=4.100.3
RIPGREP_PKG=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
DEST=${1:-${MLOPS_CODE_SERVER_DIR:-$HOME/.cache/mlops-workbench/code-server}}

if [ -x "$DEST/node_modules/.bin/code-server" ] && "$DEST/node_modules/.bin/code-server" --version 2>/dev/null | grep -q "^$VERSION"; then
  echo "code-server $VERSION already in $DEST"; exit 0
fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential pkg-config python3 libkrb5-dev ripgrep >/dev/null
fi
command -v rg >/dev/null || { echo "ripgrep (Debian package ripgrep) is required" >&2; exit 1; }

mkdir -p "$DEST"
export TMPDIR="$DEST/.tmp"
mkdir -p "$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG" "$TMPDIR/rg"
cp "$(command -v rg)" "$TMPDIR/rg/rg"
tar czf "$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG/$RIPGREP_ASSET" -C "$TMPDIR/rg" rg

cd "$DEST"
[ -f package.json ] || echo '{"name":"mlops-e2e-code-server","private":true}' > package.json
if ! npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --foreground-scripts \
    "code-server@$VERSION" > install.log 2>&1; then
  tail -40 install.log >&2; exit 1
fi
XDG_CONFIG_HOME="$TMPDIR/xdg" XDG_DATA_HOME="$TMPDIR/xdg" ./node_modules/.bin/code-server --version
