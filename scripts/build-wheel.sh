#!/usr/bin/env bash
# Packs a built tokentax binary as a platform-tagged Python wheel, the way ruff and uv ship
# theirs: distribution `tokentax-cli`, the binary itself installed as the `tokentax` command
# (no Python runs when you call it), the demo's fixtures under share/tokentax/demo, and
# `python -m tokentax_cli` as the only Python code (it execs the binary).
#
#   scripts/build-wheel.sh BINARY OUTDIR
#
# prints the wheel's path. The platform tag comes from the binary: its architecture, and on
# Linux the newest glibc symbol version it needs (manylinux_2_X) or none at all (a static
# binary is tagged manylinux and musllinux). Needs python3 (standard library only).
set -euo pipefail

if [ $# -ne 2 ] || [ ! -f "$1" ]; then
  echo "usage: scripts/build-wheel.sh BINARY OUTDIR (BINARY: a built tokentax, e.g. the path scripts/release.sh prints)" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
# The version the binary reports, so a wheel can never claim another.
version="$("$binary" --version | awk '{print $2}')"

python3 - "$binary" "$out" "$version" "$root" <<'PYTHON'
import base64, hashlib, os, re, struct, sys, zipfile

binary, out, version, root = sys.argv[1:5]
distribution = "tokentax_cli"

with open(binary, "rb") as handle:
    data = handle.read()

def platform_tag():
    if data[:4] == b"\x7fELF":
        machine = struct.unpack_from("<H", data, 18)[0]
        arch = {0x3E: "x86_64", 0xB7: "aarch64"}.get(machine)
        if arch is None:
            sys.exit(f"build-wheel: unsupported ELF machine {machine:#x} in {binary}")
        needed = [tuple(int(part) for part in found.split(b".")) for found in re.findall(rb"GLIBC_(2\.\d+)", data)]
        if not needed:
            # No glibc at all: a static binary runs on glibc and musl systems alike.
            return f"manylinux_2_17_{arch}.manylinux2014_{arch}.musllinux_1_1_{arch}"
        major, minor = max(needed)
        return f"manylinux_{major}_{max(minor, 17)}_{arch}"
    magic = struct.unpack_from("<I", data, 0)[0]
    if magic == 0xFEEDFACF:
        cpu = struct.unpack_from("<I", data, 4)[0]
        return {0x0100000C: "macosx_11_0_arm64", 0x01000007: "macosx_10_15_x86_64"}.get(cpu) or sys.exit(
            f"build-wheel: unsupported Mach-O CPU type {cpu:#x} in {binary}")
    if magic == 0xBEBAFECA:
        return "macosx_11_0_universal2"
    sys.exit(f"build-wheel: {binary} is neither an ELF nor a Mach-O executable")

tag = f"py3-none-{platform_tag()}"
dist_info = f"{distribution}-{version}.dist-info"
data_dir = f"{distribution}-{version}.data"

readme = """tokentax catches LLM token-cost regressions at review time: between two git commits it diffs
every LLM feature's prompt templates and canary traces, counts tokens with an exact local
tokenizer (ids identical to tiktoken's), prices them and fails the build over your thresholds.

This wheel carries the tokentax binary; `pip install tokentax-cli` puts the `tokentax` command
on PATH with no Swift toolchain and no Python dependencies. Try `tokentax demo`.
"""

main = '''"""Runs the tokentax binary that this wheel installed (`python -m tokentax_cli ...`)."""
import os
import sys
import sysconfig


def find_binary():
    name = "tokentax.exe" if os.name == "nt" else "tokentax"
    schemes = [sysconfig.get_default_scheme()]
    if "posix_user" in sysconfig.get_scheme_names():
        schemes.append("posix_user")
    for scheme in schemes:
        candidate = os.path.join(sysconfig.get_path("scripts", scheme), name)
        if os.path.isfile(candidate):
            return candidate
    sys.exit("tokentax: the binary of the tokentax-cli wheel is missing; reinstall with 'pip install --force-reinstall tokentax-cli'")


if __name__ == "__main__":
    binary = find_binary()
    os.execv(binary, [binary, *sys.argv[1:]])
'''

files = []  # (archive name, bytes, executable)
files.append((f"{distribution}/__init__.py", b'"""The tokentax command, as a binary; see `python -m tokentax_cli --help`."""\n', False))
files.append((f"{distribution}/__main__.py", main.encode(), False))
files.append((f"{data_dir}/scripts/tokentax", data, True))
demo = os.path.join(root, "fixtures", "demo")
for directory, subdirectories, names in os.walk(demo):
    subdirectories.sort()
    for name in sorted(names):
        path = os.path.join(directory, name)
        relative = os.path.relpath(path, demo).replace(os.sep, "/")
        with open(path, "rb") as handle:
            files.append((f"{data_dir}/data/share/tokentax/demo/{relative}", handle.read(), False))
for name in ("LICENSE", "NOTICE"):
    with open(os.path.join(root, name), "rb") as handle:
        files.append((f"{dist_info}/licenses/{name}", handle.read(), False))
metadata = f"""Metadata-Version: 2.4
Name: tokentax-cli
Version: {version}
Summary: Catch LLM token-cost regressions at review time: exact token counts, prices and a CI gate for prompt changes.
License-Expression: Apache-2.0
License-File: LICENSE
License-File: NOTICE
Requires-Python: >=3.8
Description-Content-Type: text/markdown

{readme}"""
files.append((f"{dist_info}/METADATA", metadata.encode(), False))
wheel = f"Wheel-Version: 1.0\nGenerator: tokentax scripts/build-wheel.sh\nRoot-Is-Purelib: false\nTag: {tag}\n"
files.append((f"{dist_info}/WHEEL", wheel.encode(), False))

def digest(content):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()

record = "".join(f"{name},{digest(content)},{len(content)}\n" for name, content, _ in files)
record += f"{dist_info}/RECORD,,\n"
files.append((f"{dist_info}/RECORD", record.encode(), False))

path = os.path.join(out, f"{distribution}-{version}-{tag}.whl")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
    for name, content, executable in files:
        # A fixed date keeps the wheel byte-identical for the same binary.
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = ((0o755 if executable else 0o644) | 0o100000) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, content)
print(path)
PYTHON
