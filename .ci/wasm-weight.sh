#!/usr/bin/env bash
# What the widget adds to a trimmed Blazor WebAssembly publish, Brotli (_framework/*.br), against the same client
# without it, and which assemblies the WebAssembly sample's client ships. Goal: the widget adds at most 150 KB; no
# server engine (Lucene, SQLite, Markdig, HtmlSanitizer, AngleSharp, YamlDotNet, MailKit) reaches the browser.
#
# Probe clients are generated under artifacts/wasm-weight: a small WebAssembly app that, like most, calls its own API with
# HttpClient and System.Text.Json, and the same app with the widget (AddHelpWidget().AddHelpServer(…) and a
# HelpLauncher). Each is published in Release, trimmed as Blazor trims by default (TrimMode=partial: only assemblies
# marked IsTrimmable), and again with TrimMode=full (every assembly, as if all were marked). Then the sample's client (samples/HelpWidget.Samples.WebAssembly.Client) is
# published and its bundle checked, with the trimmer's analysis warnings shown for HelpWidget's own code.
# Exits non-zero when a server engine is in the bundle or the widget's default-trim weight is over the goal.
# 1 KB = 1024 bytes. Takes 4 to 10 minutes on 2 shared cores.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
root=$PWD
work=$root/artifacts/wasm-weight
rm -rf "$work"
mkdir -p "$work"
goal_kb=150
forbidden='^(Lucene|Microsoft\.Data\.Sqlite|SQLitePCLRaw|Markdig|HtmlSanitizer|AngleSharp|YamlDotNet|MailKit|MimeKit|HelpWidget\.(Lucene|Sqlite|Markdown|Smtp|AspNetCore))\.'

# A probe client: $1 = folder, $2 = true to add the widget, $3 = trim mode (a folder each: the trimmer's output in obj/
# does not notice a change of mode).
probe() {
  local dir=$work/$1 widget=$2 mode=$3
  mkdir -p "$dir"
  cat >"$dir/Probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly">
  <PropertyGroup>
    <AssemblyName>Probe</AssemblyName>
    <IsPackable>false</IsPackable>
    <TrimMode>$mode</TrimMode>
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
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
#if WIDGET
using HelpWidget;
using HelpWidget.Components;
using HelpWidget.Http;
#endif

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<HeadOutlet>("head::after");

// What a typical client does anyway: read its own API's JSON with HttpClient.
using (var http = new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) })
{
    var items = await http.GetFromJsonAsync("items.json", ProbeJson.Default.StringArray);
    Console.WriteLine(items?.Length);
}
#if WIDGET
builder.RootComponents.Add<HelpLauncher>("#help");
builder.Services.AddHelpWidget().AddHelpServer(new Uri("http://127.0.0.1:5320"));
#endif
await builder.Build().RunAsync();

[JsonSerializable(typeof(string[]))]
internal sealed partial class ProbeJson : JsonSerializerContext;
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

# Assembly name (fingerprint and extension removed) and Brotli size of each file of a publish's _framework, sorted.
assemblies() {
  find "$1/wwwroot/_framework" -name '*.br' -printf '%P %s\n' | sed -E 's/\.[a-z0-9]{10}\.(wasm|js|dat|json)\.br / \1 /; s/\.(wasm|js|dat|json)\.br / \1 /' | sort
}

status=0
for mode in partial full; do
  probe "baseline-$mode" false "$mode"
  probe "widget-$mode" true "$mode"
  publish "$work/baseline-$mode" "$work/out-baseline-$mode"
  publish "$work/widget-$mode" "$work/out-widget-$mode"
  base=$(brotli_total "$work/out-baseline-$mode")
  with=$(brotli_total "$work/out-widget-$mode")
  added=$((with - base))
  echo "TrimMode=$mode: without the widget $(kb "$base"), with it $(kb "$with"): the widget adds $(kb "$added") Brotli"
  if [ "$mode" = partial ] && [ "$added" -gt $((goal_kb * 1024)) ]; then
    echo "  over the goal of $goal_kb KB"
    status=1
  fi
done

for mode in partial full; do
  echo
  echo "What the widget adds, file by file (TrimMode=$mode, Brotli; changes under 0.5 KB left out):"
  join -a 2 -e 0 -o 0,1.3,2.3 <(assemblies "$work/out-baseline-$mode" | awk '{ print $1 "." $2, $1, $3 }' | sort -k1,1) \
    <(assemblies "$work/out-widget-$mode" | awk '{ print $1 "." $2, $1, $3 }' | sort -k1,1) |
    awk '{ d = $3 - $2; if (d > 512 || d < -512) printf "  %-60s %+8.1f KB%s\n", $1, d / 1024, ($2 == 0 ? "  (new)" : "") }' | sort -k2 -g -r
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
