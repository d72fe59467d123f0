#!/usr/bin/env bash
# Installs tokentax the way users do and runs it with no Swift toolchain on PATH: the wheel in a
# fresh venv (`tokentax demo`, `tokentax count`), and the npm tarballs in a scratch project,
# offline (`npx tokentax demo`). Skips a part, saying so, when python3's venv or node/npm is
# missing.
#
#   scripts/check-packaging.sh [BINARY]
#
# Without BINARY it runs scripts/release.sh on a copy of the tree and deletes the copy before
# installing, so a binary that found the demo only through its build directory would fail here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "check-packaging: FAIL: $*" >&2; exit 1; }

if [ $# -ge 1 ]; then
  binary="$1"
else
  mkdir "$work/src"
  (cd "$root" && git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/src")
  commit="$(git -C "$root" rev-parse --short=12 HEAD)"
  TOKENTAX_COMMIT="$commit" "$work/src/scripts/release.sh" "$work/release" >"$work/binary-path"
  binary="$(cat "$work/binary-path")"
  rm -rf "$work/src"
fi

# PATH without any directory that holds a swift executable.
clean_path="$(printf '%s' "$PATH" | tr ':' '\n' | while read -r dir; do [ -n "$dir" ] && [ ! -x "$dir/swift" ] && echo "$dir"; done | paste -sd: -)"
mkdir "$work/cwd"

passed=0
skipped=0
if python3 -m venv "$work/venv" >/dev/null 2>&1; then
  wheel="$("$root/scripts/build-wheel.sh" "$binary" "$work/wheel")"
  "$work/venv/bin/pip" install --quiet --no-index --no-deps "$wheel"
  run() { (cd "$work/cwd" && PATH="$work/venv/bin:$clean_path" "$@"); }
  run sh -c '! command -v swift >/dev/null' || fail "swift is still on PATH"
  run tokentax demo --no-color | grep -q "check exit code: 1" || fail "the wheel's 'tokentax demo' did not run the check"
  [ "$(printf 'Hello world' | run tokentax count -)" = "$(printf 'o200k_base\n     2  -')" ] || fail "the wheel's 'tokentax count' counted wrong"
  echo "check-packaging: wheel $(basename "$wheel"): demo and count ran in a fresh venv"
  passed=$((passed + 1))
else
  echo "check-packaging: skipped the wheel: 'python3 -m venv' is not available (Debian: apt-get install python3-venv)"
  skipped=$((skipped + 1))
fi

if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  launcher="$("$root/scripts/build-npm.sh" "$binary" "$work/npm")"
  mkdir "$work/project"
  echo '{ "name": "scratch", "version": "1.0.0", "private": true }' >"$work/project/package.json"
  (cd "$work/project" && npm install --offline --no-audit --no-fund --silent "$work"/npm/tokentax-cli-*-*.tgz "$launcher" >/dev/null)
  (cd "$work/project" && PATH="$clean_path" npx --offline tokentax demo --no-color) | grep -q "check exit code: 1" ||
    fail "'npx tokentax demo' did not run the check"
  echo "check-packaging: npm $(basename "$launcher"): npx tokentax demo ran offline in a scratch project"
  passed=$((passed + 1))
else
  echo "check-packaging: skipped npm: node and npm are not on PATH (Debian: apt-get install nodejs npm)"
  skipped=$((skipped + 1))
fi
echo "check-packaging: $passed passed, 0 failed, $skipped skipped"
