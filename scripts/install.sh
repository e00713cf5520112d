#!/usr/bin/env bash
# Installs the npm workspaces (npm install, not npm ci: see ../shared/SETUP-NOTES.md gotcha 3).
# Skips the install when node_modules is newer than every package.json and the lockfile.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
stamp=node_modules/.slipway-install-stamp
if [ -f "$stamp" ] && [ -z "$(find package.json package-lock.json packages/*/package.json plugins/*/package.json -newer "$stamp" 2>/dev/null)" ]; then
  exit 0
fi
echo "Installing npm packages (first run takes a few minutes) ..." >&2
npm install --no-audit --no-fund --loglevel=error
touch "$stamp"
