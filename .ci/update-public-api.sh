#!/usr/bin/env bash
# Records every new public symbol of the packages in src/ into its PublicAPI.Unshipped.txt, and drops removed ones.
# Review the diff it makes: every line is a public API change.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  file="$dir/PublicAPI.Unshipped.txt"
  [ -s "$file" ] || echo '#nullable enable' > "$file"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || echo '#nullable enable' > "$dir/PublicAPI.Shipped.txt"
  for _ in 1 2 3; do
    output=$(dotnet build "$project" -nologo -clp:NoSummary 2>&1 | grep -F "$project" || true)
    added=$(grep -o "RS0016: Symbol '[^']*'" <<<"$output" | sed "s/^RS0016: Symbol '//; s/'$//" | sort -u || true)
    removed=$(grep -o "RS0017: Symbol '[^']*'" <<<"$output" | sed "s/^RS0017: Symbol '//; s/'$//" | sort -u || true)
    [ -n "$added$removed" ] || break
    { cat "$file"; [ -z "$added" ] || echo "$added"; } | grep -v '^#nullable' | sort -u > "$file.tmp"
    if [ -n "$removed" ]; then
      grep -vxF -f <(echo "$removed") "$file.tmp" > "$file.tmp2" || true
      mv "$file.tmp2" "$file.tmp"
    fi
    { echo '#nullable enable'; cat "$file.tmp"; } > "$file"
    rm "$file.tmp"
  done
done
