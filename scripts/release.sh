#!/usr/bin/env bash
# Builds the release binary the way releases are built, checks what it needs at run time, and
# archives it with its licence:
#
#   scripts/release.sh OUTDIR
#
# writes OUTDIR/tokentax-VERSION-PLATFORM/ (tokentax, LICENSE, NOTICE, README.md and the demo's
# fixtures/demo), the archive
# OUTDIR/tokentax-VERSION-PLATFORM.tar.gz and its OUTDIR/….tar.gz.sha256, and prints the
# binary's path on stdout (progress goes to stderr). PLATFORM is linux-x86_64, linux-aarch64,
# macos-arm64 or macos-x86_64. docs/install.md says how the Linux binary is linked and why.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: scripts/release.sh OUTDIR" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
log() { echo "release: $*" >&2; }

# TOKENTAX_COMMIT names the commit when the tree is a copy without its .git (scripts/check-packaging.sh).
commit="${TOKENTAX_COMMIT:-$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"
if [ -z "${TOKENTAX_COMMIT:-}" ] && [ "$commit" != unknown ] && ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then commit="$commit-dirty"; fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  *) echo "release: unsupported system $(uname -s); releases are built on Linux and macOS" >&2; exit 2 ;;
esac
arch="$(uname -m)"
case "$arch" in
  arm64 | aarch64) if [ "$os" = linux ]; then arch=aarch64; else arch=arm64; fi ;;
  x86_64 | amd64) arch=x86_64 ;;
  *) echo "release: unsupported architecture $arch" >&2; exit 2 ;;
esac
platform="$os-$arch"

# A scratch path of its own: the flags below differ from a developer's `swift build`.
flags=(-c release --product tokentax --package-path "$root" --scratch-path "$root/.build-release"
  -Xcc "-DTOKENTAX_COMMIT=\"$commit\"")
if [ "$os" = linux ]; then
  # The Swift runtime and Foundation statically; libstdc++ and libgcc statically too (a search
  # directory holding only libstdc++.a makes the toolchain's -lstdc++ pick the archive), so only
  # the C library is left (`tokentax comment` opens libcurl itself, with dlopen).
  links="$root/.build-release/links"
  mkdir -p "$links"
  cc="$(command -v cc || command -v clang || true)"
  if [ -z "$cc" ]; then echo "release: no C compiler (cc or clang) on PATH; install gcc or use the Swift toolchain's clang" >&2; exit 2; fi
  stdcxx="$("$cc" -print-file-name=libstdc++.a)"
  if [ ! -f "$stdcxx" ]; then
    echo "release: the static C++ library (libstdc++.a) is missing; install it (Debian/Ubuntu: apt-get install libstdc++-12-dev) and run again" >&2
    exit 2
  fi
  ln -sf "$stdcxx" "$links/libstdc++.a"
  flags+=(--static-swift-stdlib -Xlinker -L"$links" -Xswiftc -Xclang-linker -Xswiftc -static-libgcc)
fi

log "building tokentax for $platform at commit $commit (a cold build takes a few minutes)"
swift build "${flags[@]}" >&2
built="$(swift build "${flags[@]}" --show-bin-path)/tokentax"

version="$("$built" --version | awk '{print $2}')"
name="tokentax-$version-$platform"
stage="$out/$name"
rm -rf "$stage"
mkdir -p "$stage"
cp "$built" "$stage/tokentax"
# Symbols are for debugging the build machine's copy; the shipped one is a third the size.
strip "$stage/tokentax" 2>/dev/null || log "strip failed; shipping the unstripped binary"
cp "$root/LICENSE" "$root/NOTICE" "$root/README.md" "$stage/"
# `tokentax demo` finds its example repository beside the executable.
mkdir -p "$stage/fixtures"
cp -R "$root/fixtures/demo" "$stage/fixtures/"
binary="$stage/tokentax"

# What the binary needs at run time: the C library family only (libc, libm, the loader, and
# on older glibc libpthread, libdl, librt), or nothing at all.
if [ "$os" = linux ]; then
  needed="$(ldd "$binary" 2>&1 || true)"
  unexpected="$(printf '%s\n' "$needed" | grep -vE 'linux-vdso|linux-gate|ld-linux|/ld64|lib(c|m|pthread|dl|rt)\.so|statically linked|not a dynamic executable|^\s*$' || true)"
else
  needed="$(otool -L "$binary" | tail -n +2)"
  unexpected="$(printf '%s\n' "$needed" | grep -vE '^\s*(/usr/lib/|/System/Library/)' || true)"
fi
if [ -n "$unexpected" ]; then
  printf 'release: %s needs more than the system C library at run time:\n%s\n' "$binary" "$unexpected" >&2
  exit 1
fi
log "run-time libraries: $(printf '%s\n' "$needed" | awk '{print $1}' | tr '\n' ' ')"

# The copied binary works on its own, from a directory with nothing else in it.
smoke="$(mktemp -d)"
trap 'rm -rf "$smoke"' EXIT
cp "$binary" "$smoke/"
(cd "$smoke" && printf 'Hello world' | ./tokentax count --json - >/dev/null) || {
  echo "release: the copied binary failed to count tokens" >&2
  exit 1
}
(cd "$smoke" && "$binary" demo --format json >/dev/null) || {
  echo "release: 'tokentax demo' failed with the fixtures beside the binary" >&2
  exit 1
}

(cd "$out" && tar -czf "$name.tar.gz" "$name")
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
else
  (cd "$out" && shasum -a 256 "$name.tar.gz" >"$name.tar.gz.sha256")
fi
log "wrote $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)) and its .sha256"
echo "$binary"
