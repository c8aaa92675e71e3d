#!/usr/bin/env bash
# Prints what the widget adds to a page before its panel opens, gzip -9: its scoped CSS (served in the app's
# <App>.styles.css bundle) and the keyboard-shortcut module. Blazor's own script belongs to the host app.
# README.md's "Weight" table comes from this line. 1 KB = 1024 bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/HelpWidget.Components -c Release -nologo -v quiet >/dev/null
css=src/HelpWidget.Components/obj/Release/net10.0/scopedcss/projectbundle/HelpWidget.Components.bundle.scp.css
js=src/HelpWidget.Components/Launcher/HelpLauncher.razor.js
kb() { awk -v bytes="$1" 'BEGIN { printf "%.1f KB", bytes / 1024 }'; }
css_raw=$(wc -c <"$css"); css_gz=$(gzip -9 -c "$css" | wc -c)
js_raw=$(wc -c <"$js"); js_gz=$(gzip -9 -c "$js" | wc -c)
echo "CSS $(kb "$css_raw") ($(kb "$css_gz") gzip) + JS $(kb "$js_raw") ($(kb "$js_gz") gzip) = $(kb $((css_gz + js_gz))) gzip before the panel opens"
