#!/usr/bin/env bash
# Formats the package's Swift sources with the toolchain's swift-format and the committed
# .swift-format; --check lints instead and fails on any difference (CI). Tokenizer corpus files
# under Fixtures/ are test data, byte for byte, and are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
files=()
while IFS= read -r file; do files+=("$file"); done < <(
  { echo Package.swift; find Sources Tests -name '*.swift' -not -path '*/Fixtures/*'; } | sort)
if [ "${1:-}" = "--check" ]; then
  swift format lint --strict --parallel "${files[@]}"
else
  swift format format --in-place --parallel "${files[@]}"
fi
