#!/usr/bin/env bash
# Packs a built tokentax binary as npm packages, the way biome and esbuild ship theirs: a small
# launcher package `tokentax-cli` (command `tokentax`) whose optionalDependencies name one
# package per platform, and the package for this binary's platform (`tokentax-cli-linux-x64`,
# `-linux-arm64`, `-darwin-arm64` or `-darwin-x64`), which npm installs only on a matching
# machine (its `os`, `cpu` and, on Linux, `libc` fields).
#
#   scripts/build-npm.sh BINARY OUTDIR
#
# writes both tarballs (npm pack) into OUTDIR and prints the launcher's path. A release runs it
# once per platform; the launcher tarball is the same from every run. Needs node and npm.
set -euo pipefail

if [ $# -ne 2 ] || [ ! -f "$1" ]; then
  echo "usage: scripts/build-npm.sh BINARY OUTDIR (BINARY: a built tokentax, e.g. the path scripts/release.sh prints)" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
version="$("$binary" --version | awk '{print $2}')"

# The platform from the executable's header: ELF e_machine, or Mach-O CPU type.
bytes() { od -An -tx1 -j "$1" -N "$2" "$binary" | tr -d ' \n'; }
case "$(bytes 0 4)" in
  7f454c46)
    os=linux
    case "$(bytes 18 2)" in
      3e00) cpu=x64 ;;
      b700) cpu=arm64 ;;
      *) echo "build-npm: unsupported ELF machine in $binary" >&2; exit 2 ;;
    esac ;;
  cffaedfe)
    os=darwin
    case "$(bytes 4 4)" in
      0c000001) cpu=arm64 ;;
      07000001) cpu=x64 ;;
      *) echo "build-npm: unsupported Mach-O CPU type in $binary" >&2; exit 2 ;;
    esac ;;
  *) echo "build-npm: $binary is neither an ELF nor a Mach-O executable" >&2; exit 2 ;;
esac
libc=""
if [ "$os" = linux ] && grep -aq 'GLIBC_2\.' "$binary"; then libc=',
  "libc": ["glibc"]'; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
platforms=(linux-x64 linux-arm64 darwin-arm64 darwin-x64)

# The platform package: the binary, and the demo's fixtures beside it.
platform_dir="$work/platform"
mkdir -p "$platform_dir/fixtures"
cp "$binary" "$platform_dir/tokentax"
chmod 755 "$platform_dir/tokentax"
cp -R "$root/fixtures/demo" "$platform_dir/fixtures/"
cp "$root/LICENSE" "$root/NOTICE" "$platform_dir/"
cat >"$platform_dir/package.json" <<JSON
{
  "name": "tokentax-cli-$os-$cpu",
  "version": "$version",
  "description": "The tokentax binary for $os $cpu; install tokentax-cli, which picks it.",
  "license": "Apache-2.0",
  "os": ["$os"],
  "cpu": ["$cpu"]$libc,
  "preferUnplugged": true
}
JSON

# The launcher: finds the platform package's binary and runs it with the same arguments.
launcher_dir="$work/launcher"
mkdir -p "$launcher_dir/bin"
cp "$root/LICENSE" "$root/NOTICE" "$launcher_dir/"
optional=""
for platform in "${platforms[@]}"; do
  optional="$optional${optional:+,
    }\"tokentax-cli-$platform\": \"$version\""
done
cat >"$launcher_dir/package.json" <<JSON
{
  "name": "tokentax-cli",
  "version": "$version",
  "description": "Catch LLM token-cost regressions at review time: exact token counts, prices and a CI gate for prompt changes.",
  "license": "Apache-2.0",
  "bin": { "tokentax": "bin/tokentax.js" },
  "files": ["bin", "LICENSE", "NOTICE"],
  "engines": { "node": ">=16" },
  "optionalDependencies": {
    $optional
  }
}
JSON
cat >"$launcher_dir/bin/tokentax.js" <<'JS'
#!/usr/bin/env node
// Runs the tokentax binary from the optional dependency npm installed for this platform.
"use strict";
const { spawnSync } = require("child_process");

const platform = `${process.platform}-${process.arch}`;
const supported = ["linux-x64", "linux-arm64", "darwin-arm64", "darwin-x64"];
if (!supported.includes(platform)) {
  console.error(`error: tokentax has no prebuilt binary for ${platform}; build it from source with 'swift build -c release' (docs/install.md)`);
  process.exit(2);
}
const name = `tokentax-cli-${platform}`;
let binary;
try {
  binary = require.resolve(`${name}/tokentax`);
} catch {
  console.error(`error: the package ${name} that carries the tokentax binary is not installed; reinstall without --omit=optional (or --no-optional) so npm adds it`);
  process.exit(2);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  console.error(`error: could not start ${binary}: ${result.error.message}`);
  process.exit(2);
}
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 2);
JS
chmod 755 "$launcher_dir/bin/tokentax.js"

(cd "$out" && npm pack --silent "$platform_dir" >/dev/null && npm pack --silent "$launcher_dir" >/dev/null)
echo "$out/tokentax-cli-$version.tgz"
