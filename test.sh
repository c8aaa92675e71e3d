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

# Reads every TRX file: prints "passed failed skipped" on its last line, and before it one line for each test run that
# went wrong outside its tests (a test host that crashed or exited before reporting its end, a fixture that failed),
# naming the project. Such a run counts as one failure even when all of its tests passed.
summarise() {
  python3 - "$results" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for trx in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True)):
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as error:
        print(f"{os.path.basename(trx)}: unreadable test results ({error})")
        failed += 1
        continue
    method = root.find(f".//{ns}TestMethod")
    project = os.path.splitext(os.path.basename(method.get("codeBase", "")))[0] if method is not None else os.path.basename(trx)
    counters = root.find(f"{ns}ResultSummary/{ns}Counters")
    number = lambda name: int(counters.get(name, "0")) if counters is not None else 0
    passed += number("passed")
    failed += number("failed")
    skipped += number("total") - number("executed")
    summary = root.find(f"{ns}ResultSummary")
    outcome = summary.get("outcome", "") if summary is not None else "missing"
    # The runner also logs each failed test as an error ("... [FAIL]"); those are counted by the counters already.
    errors = [text for text in (" ".join((info.findtext(f"{ns}Text") or "").split())
                                for info in root.iterfind(f"{ns}ResultSummary/{ns}RunInfos/{ns}RunInfo") if info.get("outcome") == "Error")
              if not text.endswith("[FAIL]")]
    if errors or outcome not in ("Completed", "Passed", "Failed"):
        failed += 1
        print(f"{project}: its test run went wrong outside its tests (outcome {outcome}):")
        for error in errors or ["(no message)"]:
            print(f"  {error[:400]}")
    elif outcome == "Failed" and number("failed") == 0:
        failed += 1
        print(f"{project}: its test run failed although none of its tests did (a test host that crashed?)")
print(passed, failed, skipped)
PY
}

status=0
ensure_chromium || status=1
ensure_aiosmtpd || status=1
ensure_postgresql || status=1

# Everything is built once, then tested without building again: test projects then start at once (the slowest, the
# browser tests, among the first) instead of each waiting for its build while other projects' tests load the machine.
# Third-party content checks (real articles, search evaluation sets) need ../shared, beside the repository in
# development and CI, never in it: they are built with the rest and run after the solution's tests when it is there
# (beside them they only slowed both down on two cores).
real_content=false
[ -d ../shared/data/kb-outlook ] && [ -d ../shared/eval ] && real_content=true

build_started=$SECONDS
dotnet build HelpWidget.sln -nologo -v:q || status=1
if [ "$real_content" = true ]; then
  dotnet build tests/HelpWidget.RealContent.Tests -nologo -v:q || status=1
fi
echo "Build: $((SECONDS - build_started)) s"

tests_started=$SECONDS
dotnet test HelpWidget.sln --no-build --logger "trx" --results-directory "$results" 2>&1 | tee "$results/solution.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ "$real_content" = true ]; then
  dotnet test tests/HelpWidget.RealContent.Tests --no-build --logger "trx" --results-directory "$results" 2>&1 \
    | tee "$results/real-content.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi
echo "Tests: $((SECONDS - tests_started)) s"

# A test host that died before writing its results leaves no TRX file: VSTest says so in the output.
grep -h -E "Test host process crashed|test run was aborted" "$results/solution.log" "$results/real-content.log" 2>/dev/null \
  | sed 's/^/Test host problem: /' || true

summary=$(summarise)
# The per-project problems first, then the counts.
sed '$d' <<<"$summary"
read -r passed failed skipped <<<"$(tail -n 1 <<<"$summary")"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before tests could report: count it as a failure.
  failed=1
fi
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
