#!/usr/bin/env bash
set -euo pipefail
cli_dir="$RUNNER_TOOL_CACHE/pulumi/${VERSION#v}/x64"
if [ ! -x "$cli_dir/pulumi" ]; then
  echo "::error::Pulumi CLI ${VERSION} is not in the runner's tool cache ($cli_dir) and cannot be downloaded here."
  exit 1
fi
echo "$cli_dir" >>"$GITHUB_PATH"
export PATH="$cli_dir:$PATH"
[ -n "$COMMAND" ] || exit 0

flags=(--stack "$STACK" --non-interactive)
[ "$DIFF" = true ] && flags+=(--diff)
[ "$REFRESH" = true ] && flags+=(--refresh)
[ "$COMMAND" = up ] && flags+=(--yes)
[ -n "$POLICY_PACKS" ] && flags+=(--policy-pack "$POLICY_PACKS")
[ -n "$POLICY_PACK_CONFIGS" ] && flags+=(--policy-pack-config "$POLICY_PACK_CONFIGS")
set +e
pulumi "$COMMAND" "${flags[@]}" >"$RUNNER_TEMP/pulumi-output.txt" 2>&1
code=$?
set -e
cat "$RUNNER_TEMP/pulumi-output.txt"
body="$(printf '#### :tropical_drink: `%s` on %s\n\n```\n%s\n```\n' "$COMMAND" "$STACK" "$(cat "$RUNNER_TEMP/pulumi-output.txt")")"
[ "$COMMENT_ON_SUMMARY" = true ] && printf '%s\n' "$body" >>"$GITHUB_STEP_SUMMARY"
if [ "$COMMENT_ON_PR" = true ] && [ -n "$PR_NUMBER" ]; then
  node -e 'process.stdout.write(JSON.stringify({ body: process.argv[1] }))' "$body" |
    curl -sS --fail-with-body -X POST -H "Authorization: token $GITHUB_TOKEN_INPUT" \
      -H "Content-Type: application/json" --data-binary @- \
      "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" >/dev/null
fi
exit "$code"
