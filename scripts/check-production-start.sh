#!/usr/bin/env bash
# Proves the documented production start (README "Production") works from a clean checkout: in a temporary directory,
# npm ci, npm run build, npm ci --omit=dev (the dev dependencies — vite, tsx, typescript, React — are gone), then
# migrate as its own step (node dist/server/migrate-main.js) and start node dist/server/main.js in production mode with
# MIGRATE_ON_START=false, on a throw-away DATA_DIR and a free port: GET /api/health must answer 200, / the built web
# app's HTML, and the script it loads 200. Exits non-zero, saying why, on any failure. Needs the npm registry.
#
#   scripts/check-production-start.sh              checks the repository's HEAD commit (git clone; what CI runs)
#   scripts/check-production-start.sh --worktree   checks the working tree as it is now (tracked and untracked files
#                                                  git does not ignore), before committing
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tovholder-production-check-XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "check-production-start: FAILED: $*" >&2; exit 1; }
step() { echo "check-production-start: $*"; }

app="$work/app"
if [ "${1:-}" = "--worktree" ]; then
  step "copying the working tree of $repo"
  mkdir -p "$app"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf -) | tar -xf - -C "$app" || fail "could not copy the working tree"
elif [ -n "${1:-}" ]; then
  fail "unknown argument $1 (only --worktree)"
else
  step "cloning $repo (HEAD $(git -C "$repo" rev-parse --short HEAD))"
  git clone --quiet "$repo" "$app" || fail "git clone failed"
fi
cd "$app"

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error >"$work/npm-ci.log" 2>&1 || { tail -30 "$work/npm-ci.log" >&2; fail "npm ci failed"; }
step "npm run build"
npm run build >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; fail "npm run build failed"; }
[ -f dist/server/main.js ] || fail "npm run build wrote no dist/server/main.js"
[ -f dist/web/index.html ] || fail "npm run build wrote no dist/web/index.html"
step "npm ci --omit=dev"
npm ci --omit=dev --no-audit --no-fund --loglevel=error >"$work/npm-ci-prod.log" 2>&1 || { tail -30 "$work/npm-ci-prod.log" >&2; fail "npm ci --omit=dev failed"; }
# The start below must not lean on a build-time package that happens to be installed.
for dev in vite tsx typescript react; do
  [ ! -e "node_modules/$dev" ] || fail "node_modules/$dev is still installed after npm ci --omit=dev"
done

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
export NODE_ENV=production DATA_DIR="$work/data" PORT="$port" HOST=127.0.0.1 SESSION_SECRET="check-$RANDOM-$RANDOM-$RANDOM" LOG_LEVEL=warn
unset DATABASE_URL

step "node dist/server/migrate-main.js"
node dist/server/migrate-main.js >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; fail "migrating failed"; }
grep -q '^applied [0-9]* migration' "$work/migrate.log" || { cat "$work/migrate.log" >&2; fail "migrate-main.js applied no migration to an empty database"; }

step "NODE_ENV=production MIGRATE_ON_START=false node dist/server/main.js on port $port"
MIGRATE_ON_START=false node dist/server/main.js >"$work/server.log" 2>&1 &
server_pid=$!

healthy=
for _ in $(seq 1 120); do
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; server_pid=; fail "the server exited during start-up"; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health")" = 200 ]; then healthy=1; break; fi
  sleep 0.5
done
[ -n "$healthy" ] || { cat "$work/server.log" >&2; fail "GET /api/health did not answer 200 within 60 s"; }

status=$(curl -s -o "$work/index.html" -w '%{http_code} %{content_type}' "http://127.0.0.1:$port/" || true)
case "$status" in 200\ text/html*) ;; *) fail "GET / answered '$status', not 200 text/html";; esac
grep -q '<title>Tovholder</title>' "$work/index.html" && grep -q '<div id="root">' "$work/index.html" || fail "GET / is not the built web app"
script=$(grep -o 'src="/assets/[^"]*\.js"' "$work/index.html" | head -1 | sed 's/^src="//; s/"$//' || true)
[ -n "$script" ] || fail "the built index.html loads no /assets/*.js"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$script")" = 200 ] || fail "GET $script did not answer 200"

kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=
step "OK: built, pruned to production dependencies, migrated, started; /api/health, / and $script answer 200"
