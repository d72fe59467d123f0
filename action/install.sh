#!/usr/bin/env bash
# The Action's install step: downloads the release archive of tokentax VERSION for this runner,
# checks its SHA-256 against the release's .sha256 file and unpacks it into DESTINATION.
#
#   action/install.sh BASE_URL VERSION DESTINATION
#
# BASE_URL is the releases' download address (…/releases/download). Exit 0: installed;
# exit 3: no release archive for this version and platform (the Action then builds from
# source); anything else: a download or checksum failure, which must stop the job.
set -euo pipefail
base="$1" version="$2" destination="$3"
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=macos ;; *) exit 3 ;; esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  arm64 | aarch64) if [ "$os" = linux ]; then arch=aarch64; else arch=arm64; fi ;;
  *) exit 3 ;;
esac
name="tokentax-${version#v}-$os-$arch"
url="$base/v${version#v}/$name.tar.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

code="$(curl --silent --show-error --location --output "$work/$name.tar.gz" --write-out '%{http_code}' "$url" || true)"
if [ "$code" = 404 ]; then
  echo "tokentax: no release archive at $url; building from source"
  exit 3
fi
if [ "$code" != 200 ]; then
  echo "::error title=tokentax::could not download $url (HTTP ${code:-error}); rerun the job, or pin the Action to a released tag"
  exit 1
fi
curl --silent --show-error --location --fail --output "$work/$name.tar.gz.sha256" "$url.sha256"
expected="$(awk '{print $1}' "$work/$name.tar.gz.sha256")"
if command -v sha256sum >/dev/null 2>&1; then actual="$(sha256sum "$work/$name.tar.gz" | awk '{print $1}')"
else actual="$(shasum -a 256 "$work/$name.tar.gz" | awk '{print $1}')"; fi
if [ "$expected" != "$actual" ]; then
  echo "::error title=tokentax::$name.tar.gz has SHA-256 $actual, but the release says $expected; not installing it"
  exit 1
fi
tar -xzf "$work/$name.tar.gz" -C "$work"
mkdir -p "$destination"
cp -R "$work/$name/." "$destination/"
echo "tokentax: installed $name ($actual) into $destination"
