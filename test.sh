#!/usr/bin/env bash
# Runs every test of the repository: unit, component, store, browser (real Chromium) and packaging tests,
# plus the real-content checks when ../shared is beside the repository.
# Installs Debian's Chromium (browser tests), python3-aiosmtpd (a real SMTP server for the e-mail tests) and
# postgresql (a private server for the PostgreSQL store tests) when they are missing and this runs as root. Prints, as its last line,
# "N passed, N failed, N skipped" and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

apt_updated=false

# Installs Debian packages quietly, refreshing the package lists once per run.
apt_install() {
  if [ "$apt_updated" = false ]; then
    apt-get update -qq || return 1
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

can_install() {
  [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null
}

ensure_chromium() {
  local chromium="${HW_CHROMIUM:-/usr/bin/chromium}"
  [ -x "$chromium" ] && return 0
  if can_install; then
    echo "Installing Chromium (Debian package) for the browser tests..."
    apt_install chromium
  else
    echo "Chromium is missing at $chromium: install Debian's 'chromium' package or set HW_CHROMIUM." >&2
    return 1
  fi
}

# The PostgreSQL tests start a private server from Debian's packages (initdb + pg_ctl), unless HW_POSTGRES names one.
ensure_postgresql() {
  [ -n "${HW_POSTGRES:-}" ] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null && return 0
  if can_install; then
    echo "Installing PostgreSQL (Debian package) for the PostgreSQL store tests..."
    apt_install postgresql
  else
    echo "PostgreSQL is missing: install Debian's 'postgresql' package or set HW_POSTGRES to a connection string." >&2
    return 1
  fi
}

ensure_aiosmtpd() {
  local python="${HW_PYTHON:-/usr/bin/python3}"
  "$python" -c 'import aiosmtpd' 2>/dev/null && return 0
  if can_install; then
    echo "Installing python3-aiosmtpd (Debian package) for the SMTP tests..."
    apt_install python3-aiosmtpd
  else
    echo "aiosmtpd is missing for $python: install Debian's 'python3-aiosmtpd' package or set HW_PYTHON." >&2
    return 1
  fi
}

summarise() {
  local passed=0 failed=0 skipped=0 total executed p f
  shopt -s nullglob globstar
  for trx in "$results"/**/*.trx; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${total:-0} - ${executed:-0}))
  done
  echo "$passed $failed $skipped"
}

status=0
ensure_chromium || status=1
ensure_aiosmtpd || status=1
ensure_postgresql || status=1

dotnet test HelpWidget.sln --logger "trx" --results-directory "$results" || status=1

# Checks against third-party content (real articles, search evaluation sets) that lives beside the repository
# in development and CI, never in it: run them when it is there.
if [ -d ../shared/data/kb-outlook ] && [ -d ../shared/eval ]; then
  dotnet test tests/HelpWidget.RealContent.Tests --logger "trx" --results-directory "$results" || status=1
fi

read -r passed failed skipped <<<"$(summarise)"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before tests could report: count it as a failure.
  failed=1
fi
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
