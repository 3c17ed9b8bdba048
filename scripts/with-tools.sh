#!/usr/bin/env bash
# Runs a command with the project's toolchain first on PATH: Node >= 22 (installed by `npm run setup`
# where the machine's Node is older), the Pulumi CLI and its Node.js plugin launcher, moto, and the
# project's node_modules/.bin. A user's own `pulumi` on PATH is kept when `npm run setup` found it good.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/.tools/bin:$root/node_modules/.bin:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export QARD_IAC_ROOT="$root"
if [ "${1:-}" = pulumi ] && [ "${2:-}" != "" ] && ! command -v pulumi-language-nodejs >/dev/null; then
  case "$2" in
    up | preview | watch)
      # The CLI built here has no Node.js language host (see README, Toolchain): say what works instead.
      echo "note: this Pulumi CLI has no Node.js language host; run the program with \`npm run stack -- $2 --stack <name>\`" >&2
      ;;
  esac
fi
exec "$@"
