#!/usr/bin/env bash
# THE test command: installs what is missing (Node 22, npm packages, PostgreSQL, Chromium), then
# runs tsc, lint, every Jest suite on SQLite and PostgreSQL, and the browser test against the
# running portal. Ends with `N passed, N failed`; exits non-zero on any failure.
#   scripts/test.sh            everything
#   SKIP_E2E=1 scripts/test.sh  without the browser test
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$ROOT/scripts/services.sh"
cd "$ROOT"
export CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1

step_failures=0
step() {
  local name="$1"
  shift
  echo "==> $name"
  if ! "$@"; then
    echo "==> FAILED: $name"
    step_failures=$((step_failures + 1))
    return 1
  fi
}

step "install npm packages" bash scripts/install.sh || { echo "0 passed, 1 failed"; exit 1; }
step "PostgreSQL on 127.0.0.1:5432" ensure_postgres
[ -n "${SKIP_E2E:-}" ] || step "Chromium" ensure_chromium

step "tsc" tsc
step "lint" backstage-cli repo lint
build_plugins() {
  local dir
  for dir in plugins/*/; do
    (cd "$dir" && backstage-cli package build >/dev/null) || { echo "build failed: $dir"; return 1; }
  done
}
step "build plugin packages" build_plugins

mkdir -p .tools
rm -f .tools/jest.json e2e-artifacts/results.json
echo "==> tests (SQLite${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:+ and PostgreSQL 15})"
backstage-cli repo test --json --outputFile=.tools/jest.json "$@"
jest_rc=$?

e2e_results=""
if [ -z "${SKIP_E2E:-}" ]; then
  echo "==> browser test (portal + Chromium)"
  node e2e/run.mjs
  e2e_results=e2e-artifacts/results.json
fi

node scripts/summary.mjs .tools/jest.json "$e2e_results" "$step_failures" | tee .tools/summary.txt
last="$(tail -1 .tools/summary.txt)"
if [ "$jest_rc" != 0 ] || [ "$step_failures" != 0 ] || [[ "$last" != *", 0 failed"* ]]; then
  exit 1
fi
