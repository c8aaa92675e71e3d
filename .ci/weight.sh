#!/usr/bin/env bash
# Prints what the widget adds to a page, gzip -9, on two lines:
#  1. before the panel first opens: its scoped CSS (served in the app's <App>.styles.css bundle: the launcher, field
#     help and the outage banner) and the launcher's module (shortcut, time zone, loading the panel's styles);
#  2. what the first open adds: the panel's stylesheet (_content/HelpWidget.Components/helpwidget-panel.css).
# Blazor's own script belongs to the host app. README.md's "Weight" table comes from these lines. 1 KB = 1024 bytes.
# Fails when what every page gets before the first open (line 1: styles and script) is over 3 KB gzip (HW_WEIGHT_BUDGET, in bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/HelpWidget.Components -c Release -nologo -v quiet >/dev/null
css=src/HelpWidget.Components/obj/Release/net10.0/scopedcss/projectbundle/HelpWidget.Components.bundle.scp.css
js=src/HelpWidget.Components/Launcher/HelpLauncher.razor.js
panel=src/HelpWidget.Components/wwwroot/helpwidget-panel.css
budget=${HW_WEIGHT_BUDGET:-3072}
kb() { awk -v bytes="$1" 'BEGIN { printf "%.1f KB", bytes / 1024 }'; }
raw() { wc -c <"$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
css_gz=$(gz "$css"); js_gz=$(gz "$js"); panel_gz=$(gz "$panel")
before=$((css_gz + js_gz))
echo "CSS $(kb "$(raw "$css")") ($(kb "$css_gz") gzip) + JS $(kb "$(raw "$js")") ($(kb "$js_gz") gzip) = $(kb "$before") gzip before the panel opens"
echo "panel CSS $(kb "$(raw "$panel")") ($(kb "$panel_gz") gzip) more when it first opens"
if ((before > budget)); then
  echo "over budget: what every page gets before the first open is $before bytes gzip, at most $budget" >&2
  exit 1
fi
