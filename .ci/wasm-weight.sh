#!/usr/bin/env bash
# What the widget adds to a trimmed Blazor WebAssembly publish, Brotli (_framework/*.br), against the same client
# without it, and which assemblies the WebAssembly sample's client ships. Goal: the widget adds at most 150 KB; no
# server engine (Lucene, SQLite, Markdig, HtmlSanitizer, AngleSharp, YamlDotNet, MailKit) reaches the browser.
#
# Two probe clients are generated under artifacts/wasm-weight: a minimal WebAssembly app (HeadOutlet only), and the same
# app with the widget (AddHelpWidget().AddHelpServer(…) and a HelpLauncher). Each is published in Release, trimmed as
# Blazor trims by default (TrimMode=partial: only assemblies marked IsTrimmable), and again with TrimMode=full (every
# assembly, as if all were marked). Then the sample's client (samples/HelpWidget.Samples.WebAssembly.Client) is
# published and its bundle checked, with the trimmer's analysis warnings shown for HelpWidget's own code.
# Exits non-zero when a server engine is in the bundle or the widget's default-trim weight is over the goal.
# 1 KB = 1024 bytes. Takes about 4 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/artifacts/wasm-weight
rm -rf "$work"
mkdir -p "$work"
goal_kb=150
forbidden='^(Lucene|Microsoft\.Data\.Sqlite|SQLitePCLRaw|Markdig|HtmlSanitizer|AngleSharp|YamlDotNet|MailKit|MimeKit|HelpWidget\.(Lucene|Sqlite|Markdown|Smtp|AspNetCore))\.'

# A probe client: $1 = folder, $2 = true to add the widget.
probe() {
  local dir=$work/$1 widget=$2
  mkdir -p "$dir"
  cat >"$dir/Probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly">
  <PropertyGroup>
    <AssemblyName>Probe</AssemblyName>
    <IsPackable>false</IsPackable>
    <DefineConstants Condition="'$widget' == 'true'">\$(DefineConstants);WIDGET</DefineConstants>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" />
  </ItemGroup>
  <ItemGroup Condition="'$widget' == 'true'">
    <ProjectReference Include="$root/src/HelpWidget.Components/HelpWidget.Components.csproj" />
    <ProjectReference Include="$root/src/HelpWidget.Http/HelpWidget.Http.csproj" />
  </ItemGroup>
</Project>
XML
  cat >"$dir/Program.cs" <<'CS'
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
#if WIDGET
using HelpWidget;
using HelpWidget.Components;
using HelpWidget.Http;
#endif

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<HeadOutlet>("head::after");
#if WIDGET
builder.RootComponents.Add<HelpLauncher>("#help");
builder.Services.AddHelpWidget().AddHelpServer(new Uri("http://127.0.0.1:5320"));
#endif
await builder.Build().RunAsync();
CS
  mkdir -p "$dir/wwwroot"
  printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Probe</title><base href="/"></head><body><div id="help"></div><script src="_framework/blazor.webassembly.js"></script></body></html>\n' >"$dir/wwwroot/index.html"
}

# Sum of _framework/*.br of a publish folder, in bytes.
brotli_total() { find "$1/wwwroot/_framework" -name '*.br' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
kb() { awk -v bytes="$1" 'BEGIN { printf "%.1f KB", bytes / 1024 }'; }

publish() { # $1 = project folder, $2 = output, $3... = extra properties
  local project=$1 out=$2
  shift 2
  dotnet publish "$project" -c Release -o "$out" -nologo -v quiet "$@" >"$out.log" 2>&1 || { cat "$out.log"; exit 1; }
}

probe baseline false
probe widget true
status=0
for mode in partial full; do
  publish "$work/baseline" "$work/out-baseline-$mode" -p:TrimMode=$mode
  publish "$work/widget" "$work/out-widget-$mode" -p:TrimMode=$mode
  base=$(brotli_total "$work/out-baseline-$mode")
  with=$(brotli_total "$work/out-widget-$mode")
  added=$((with - base))
  echo "TrimMode=$mode: without the widget $(kb "$base"), with it $(kb "$with"): the widget adds $(kb "$added") Brotli"
  if [ "$mode" = partial ] && [ "$added" -gt $((goal_kb * 1024)) ]; then
    echo "  over the goal of $goal_kb KB"
    status=1
  fi
done

echo
echo "The widget's assemblies (TrimMode=partial, Brotli):"
find "$work/out-widget-partial/wwwroot/_framework" -name '*.wasm.br' -printf '%f %s\n' | sort | while read -r name size; do
  base_name=${name%%.*}
  if ! find "$work/out-baseline-partial/wwwroot/_framework" -name "$base_name.*.wasm.br" | grep -q .; then
    printf '  %-55s %s\n' "${name%.*.wasm.br}" "$(kb "$size")"
  fi
done

echo
echo "The WebAssembly sample's client, published with the trimmer's analysis warnings on:"
sample=$work/out-sample
publish samples/HelpWidget.Samples.WebAssembly.Client "$sample" -p:SuppressTrimAnalysisWarnings=false -p:TreatWarningsAsErrors=false
echo "  _framework: $(find "$sample/wwwroot/_framework" -name '*.wasm' | wc -l) assemblies, $(kb "$(brotli_total "$sample")") Brotli"
shipped=$(find "$sample/wwwroot/_framework" -name '*.wasm' -printf '%f\n' | sort)
if grep -E "$forbidden" <<<"$shipped"; then
  echo "  a server engine is in the browser's bundle (above)"
  status=1
else
  echo "  no Lucene, SQLite, Markdig, HtmlSanitizer, AngleSharp, YamlDotNet, MailKit or server-side HelpWidget assembly"
fi
warnings=$(grep -E 'warning IL[0-9]+' "$sample.log" | grep -E '/src/HelpWidget' | sed -E 's/^.*\/src\//  src\//; s/ \[.*$//' | sort -u || true)
if [ -n "$warnings" ]; then
  echo "  trim analysis warnings in HelpWidget's code ($(wc -l <<<"$warnings")):"
  echo "$warnings"
else
  echo "  no trim analysis warnings in HelpWidget's code"
fi
exit "$status"
