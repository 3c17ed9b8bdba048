#!/usr/bin/env bash
set -euo pipefail
if [ -z "$ROLE" ]; then
  echo "::error::Credentials could not be loaded: no role-to-assume."
  exit 1
fi
if [ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ]; then
  echo "::error::No OIDC token for this job: it needs 'permissions: id-token: write'."
  exit 1
fi
token="$(curl -sS --fail -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \
  "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).value))')"
answer="$(curl -sS --fail -X POST "$AWS_ENDPOINT_URL" \
  --data-urlencode Action=AssumeRoleWithWebIdentity --data-urlencode Version=2011-06-15 \
  --data-urlencode "RoleArn=$ROLE" --data-urlencode "RoleSessionName=GitHubActions" \
  --data-urlencode "WebIdentityToken=$token")"
field() { printf '%s' "$answer" | sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p"; }
key="$(field AccessKeyId)"
secret="$(field SecretAccessKey)"
session="$(field SessionToken)"
[ -n "$key" ] || { echo "::error::STS refused the role $ROLE"; exit 1; }
echo "::add-mask::$secret"
echo "::add-mask::$session"
{
  echo "AWS_ACCESS_KEY_ID=$key"
  echo "AWS_SECRET_ACCESS_KEY=$secret"
  echo "AWS_SESSION_TOKEN=$session"
  echo "AWS_REGION=$REGION"
  echo "AWS_DEFAULT_REGION=$REGION"
} >>"$GITHUB_ENV"
echo "Assumed $ROLE"
