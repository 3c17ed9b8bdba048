#!/usr/bin/env bash
# Runs a command with the project's toolchain first on PATH: Node >= 22.18 (installed by `npm run setup`
# where the machine's Node is older), the Pulumi CLI with its Node.js language host and plugin launcher,
# moto, and the project's node_modules/.bin. A user's own `pulumi` on PATH is kept when `npm run setup`
# found it within the supported range. Plugin acquisition stays on: tests and CI turn it off themselves.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/.tools/bin:$root/node_modules/.bin:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
# Every command, engine run and provider process starts a Node.js that loads the same modules (the Pulumi
# SDK alone is thousands): Node's on-disk compile cache, in its default place, spares re-compiling them.
if [ -z "${NODE_DISABLE_COMPILE_CACHE:-}" ]; then
  export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-${TMPDIR:-/tmp}/node-compile-cache}"
fi
# Every provider process loads the library's compiled JavaScript: rebuild it when its source is newer.
stamp="$root/providers/dist/.tsbuildinfo"
if [ ! -f "$stamp" ] || [ -n "$(find "$root/providers/src" "$root/providers/package.json" "$root/providers/tsconfig.build.json" -newer "$stamp" -print -quit)" ]; then
  "$root/node_modules/.bin/tsc" -p "$root/providers/tsconfig.build.json"
  touch "$stamp"
fi
if [ "${1:-}" = pulumi ] && [ "${2:-}" != "" ] && ! command -v pulumi-language-nodejs >/dev/null; then
  case "$2" in
    up | preview | watch)
      # A Pulumi CLI built from source comes without the Node.js language host: say what works instead.
      echo "note: this Pulumi CLI has no Node.js language host (pulumi-language-nodejs); install the official CLI, or run the program with \`npm run stack -- $2 --stack <name>\`" >&2
      ;;
  esac
fi
exec "$@"
