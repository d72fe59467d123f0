#!/usr/bin/env bash
# Installs tokentax the way users do and runs it with no Swift toolchain on PATH: the wheel in a
# fresh venv (`tokentax demo`, `tokentax count`), the tokentax-prebuilt pre-commit hook on a
# scratch repository, and the npm tarballs in a scratch project, offline (`npx tokentax demo`).
# Skips a part, saying so, when python3's venv, pre-commit (from PyPI) or node/npm is missing.
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

# The tokentax-prebuilt pre-commit hook as a user's repository runs it: pre-commit clones this
# repository at HEAD, installs it (the empty package of pyproject.toml) and the pinned tokentax-cli
# wheel, found here in a local folder instead of PyPI, then blocks a commit that doubles a prompt
# and lets a small one through. Needs pre-commit and setuptools from PyPI; skipped without them.
check_prebuilt_hook() {
  local links="$work/links" repo="$work/hook-user" version
  mkdir -p "$links"
  cp "$wheel" "$links/"
  if ! "$work/venv/bin/pip" install --quiet pre-commit >/dev/null 2>&1 ||
    ! "$work/venv/bin/pip" download --quiet --dest "$links" "setuptools>=70.1" >/dev/null 2>&1; then
    echo "check-packaging: skipped the pre-commit hook: pre-commit or setuptools could not be installed from PyPI"
    skipped=$((skipped + 1))
    return
  fi
  version="$(basename "$wheel" | cut -d- -f2)"
  grep -q "tokentax-cli==$version" "$root/.pre-commit-hooks.yaml" ||
    fail ".pre-commit-hooks.yaml does not pin tokentax-cli==$version, the version of the wheel"
  mkdir -p "$repo/prompts"
  git -C "$repo" init --quiet
  printf '%s\n' '{ "version": 1, "defaults": { "model": "gpt-5" },' \
    '  "features": [ { "id": "helper", "calls_per_day": 1000, "output_tokens": 200,' \
    '    "prompt": [ { "file": "prompts/system.md", "role": "system" } ] } ],' \
    '  "thresholds": { "fail": { "cost_percent": 15 } } }' >"$repo/tokentax.json"
  printf '%s\n' "repos:" "  - repo: $root" "    rev: $(git -C "$root" rev-parse HEAD)" \
    "    hooks: [ { id: tokentax-prebuilt } ]" >"$repo/.pre-commit-config.yaml"
  for i in $(seq 40); do echo "Rule $i: answer in the customer's language and cite the article you used."; done >"$repo/prompts/system.md"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=ci -c user.email=ci@example.com commit --quiet -m base
  hook() {
    (cd "$repo" && PATH="$work/venv/bin:$clean_path" PRE_COMMIT_HOME="$work/pre-commit-home" \
      PIP_NO_INDEX=1 PIP_FIND_LINKS="$links" pre-commit run "$@")
  }
  echo "Rule 41: be brief." >>"$repo/prompts/system.md"
  git -C "$repo" add prompts/system.md
  hook >"$work/hook-small.log" 2>&1 || { cat "$work/hook-small.log" >&2; fail "the pre-commit hook blocked a small prompt change"; }
  cat "$repo/prompts/system.md" "$repo/prompts/system.md" >"$repo/prompts/doubled.md"
  mv "$repo/prompts/doubled.md" "$repo/prompts/system.md"
  git -C "$repo" add prompts/system.md
  if hook >"$work/hook-double.log" 2>&1; then
    cat "$work/hook-double.log" >&2
    fail "the pre-commit hook let a doubled prompt through"
  fi
  grep -q "over a fail threshold (exit 1)" "$work/hook-double.log" || { cat "$work/hook-double.log" >&2; fail "the hook failed, but not on the cost threshold"; }
  echo "check-packaging: pre-commit hook tokentax-prebuilt: passed a small change, blocked a doubled prompt"
  passed=$((passed + 1))
}
if python3 -m venv "$work/venv" >/dev/null 2>&1; then
  wheel="$("$root/scripts/build-wheel.sh" "$binary" "$work/wheel")"
  "$work/venv/bin/pip" install --quiet --no-index --no-deps "$wheel"
  run() { (cd "$work/cwd" && PATH="$work/venv/bin:$clean_path" "$@"); }
  run sh -c '! command -v swift >/dev/null' || fail "swift is still on PATH"
  run tokentax demo --no-color | grep -q "check exit code: 1" || fail "the wheel's 'tokentax demo' did not run the check"
  [ "$(printf 'Hello world' | run tokentax count -)" = "$(printf 'o200k_base\n     2  -')" ] || fail "the wheel's 'tokentax count' counted wrong"
  echo "check-packaging: wheel $(basename "$wheel"): demo and count ran in a fresh venv"
  passed=$((passed + 1))
  check_prebuilt_hook
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
