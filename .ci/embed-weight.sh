#!/usr/bin/env bash
# Prints what the one-tag embed loads on a plain page of another origin (samples/static/index.html under the strict
# Content-Security-Policy, served next to the help server sample on 127.0.0.1): everything before the first click
# (target <= 8 KB gzip) and everything more at the first open, up to the visible panel and until the network settles
# (target <= 100 KB gzip). Chromium loads the page; each response body is compressed with gzip at its smallest-size
# level (as gzip -9) whatever encoding the server sent; WebSocket frames count as sent. 1 KB = 1024 bytes.
# Needs Debian's chromium (/usr/bin/chromium or HW_CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/HelpWidget.Browser.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet run -c Release --no-build --project tests/HelpWidget.Browser.Benchmarks -- --embed-weight
