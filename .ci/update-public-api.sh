#!/usr/bin/env bash
# Records every new public symbol of the packages in src/ into its PublicAPI.Unshipped.txt.
# Review the diff it makes: every line is a public API change.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  file="$dir/PublicAPI.Unshipped.txt"
  [ -s "$file" ] || echo '#nullable enable' > "$file"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || echo '#nullable enable' > "$dir/PublicAPI.Shipped.txt"
  for _ in 1 2 3; do
    symbols=$(dotnet build "$project" -nologo -clp:NoSummary 2>&1 \
      | grep -F "$project" | grep -o "RS0016: Symbol '[^']*'" | sed "s/^RS0016: Symbol '//; s/'$//" | sort -u || true)
    [ -n "$symbols" ] || break
    { cat "$file"; echo "$symbols"; } | grep -v '^#nullable' | sort -u > "$file.tmp"
    { echo '#nullable enable'; cat "$file.tmp"; } > "$file"
    rm "$file.tmp"
  done
done
