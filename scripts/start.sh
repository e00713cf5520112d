#!/usr/bin/env bash
# THE run command: installs what is missing, then serves the portal at http://localhost:3000
# (backend on :7007) with SQLite in memory, guest sign-in and the demo catalog and history.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/install.sh"
cd "$ROOT"
exec backstage-cli repo start "$@"
