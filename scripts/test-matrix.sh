#!/usr/bin/env bash
# Runs the integration tests of ONE provider jar on several Keycloak lines, one Keycloak at a time.
#
#   scripts/test-matrix.sh                    full suite on the default version (keycloak.run.version
#                                             in pom.xml), then the smoke subset on 26.4.7, 26.5.6, 26.6.4
#   scripts/test-matrix.sh --full             the full suite on every version
#   scripts/test-matrix.sh 26.7.5:full 26.4.7:smoke ...   your own list (version:full or version:smoke)
#
# The first entry is a normal `mvn verify` (compiles against the 26.7.0 artifacts, unit tests, builds the
# jar, integration tests). Its jar is copied to target/matrix/ and every later entry runs
# `mvn verify -Dkeycloak.run.version=V -DskipUTs -Dorgmfa.providerJar=<that copy>` (plus -Psmoke for
# smoke), so every line installs the same bytes; after each run the script compares the jar found in
# that distribution's providers/ with the copy (sha256). A failing version does not stop the others;
# the script ends with a table and exits 1 if any version failed, naming it.
# Logs: target/matrix/<version>.log (Maven) and provider/target/keycloak-it-<version>.log (Keycloak);
# the closing table also goes to target/matrix/summary.txt, failed versions to target/matrix/failed.txt.
# Environment: MATRIX_MAVEN_ARGS (extra Maven arguments for every entry, e.g. -o).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

default_version=$(sed -n 's:.*<keycloak.run.version>\(.*\)</keycloak.run.version>.*:\1:p' pom.xml)
older_versions="26.4.7 26.5.6 26.6.4"

entries=()
if [ "${1:-}" = "--full" ]; then
  entries=("$default_version:full")
  for v in $older_versions; do entries+=("$v:full"); done
elif [ $# -gt 0 ]; then
  for entry in "$@"; do
    [[ "$entry" =~ ^[0-9]+\.[0-9]+\.[0-9]+:(full|smoke)$ ]] \
      || { echo "test-matrix: '$entry' is not VERSION:full or VERSION:smoke" >&2; exit 2; }
    entries+=("$entry")
  done
else
  entries=("$default_version:full")
  for v in $older_versions; do entries+=("$v:smoke"); done
fi

logs="$root/target/matrix"
mkdir -p "$logs"
rm -f "$logs"/*.log "$logs"/*.jar "$logs/summary.txt" "$logs/failed.txt"
started_at=$(date +%s)
say() { printf '\n==> [matrix %4ss] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }

# "Tests run: N, Failures: F, Errors: E, Skipped: S" of failsafe's closing summary, if any.
it_summary() {
  awk '/maven-failsafe-plugin:.*:integration-test/ {it=1} it && /^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {line=$0}
       END {sub(/^\[[A-Z]+\] /, "", line); print line}' "$1"
}

# Line and branch coverage of our main code by the first entry's unit and integration tests (JaCoCo;
# the report is provider/target/site/jacoco-aggregate/index.html).
coverage_summary() {
  local csv="$root/provider/target/site/jacoco-aggregate/jacoco.csv"
  [ -f "$csv" ] || { echo "no coverage report"; return; }
  awk -F, 'NR > 1 {lm += $8; lc += $9; bm += $6; bc += $7}
    END {if (lm + lc == 0) print "no coverage data"; else printf "coverage of main code: %.1f%% of lines (%d/%d), %.1f%% of branches\n", 100 * lc / (lm + lc), lc, lm + lc, 100 * bc / (bm + bc)}' "$csv"
}
coverage=""

# No jar of an earlier build may pass for this one.
rm -f "$root"/provider/target/keycloak-org-mfa-*.jar "$root"/provider/target/original-keycloak-org-mfa-*.jar
jar=""
results=()
failed=()
for entry in "${entries[@]}"; do
  version=${entry%%:*}
  scope=${entry##*:}
  args=(-ntp "-Dkeycloak.run.version=$version")
  [ "$scope" = smoke ] && args+=(-Psmoke)
  if [ -n "$jar" ]; then
    args+=(-DskipUTs "-Dorgmfa.providerJar=$jar")
  fi
  # shellcheck disable=SC2206
  args+=(${MATRIX_MAVEN_ARGS:-})
  log="$logs/$version.log"
  say "Keycloak $version: $scope suite (mvn -B verify ${args[*]}; log: target/matrix/$version.log)"
  rm -f "$root/provider/target/keycloak-$version/providers/"keycloak-org-mfa-*.jar
  t0=$(date +%s)
  scripts/test.sh "${args[@]}" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  seconds=$(( $(date +%s) - t0 ))

  if [ -z "$jar" ]; then
    built=$(ls "$root"/provider/target/keycloak-org-mfa-*.jar 2>/dev/null | grep -v '/original-' | head -1)
    if [ -z "$built" ]; then
      say "Keycloak $version: FAILED before the provider jar was built; nothing to run on the other versions"
      echo "$version ($scope): the build failed before the jar existed" >"$logs/failed.txt"
      echo "MATRIX FAILED: the build failed (Keycloak $version, see target/matrix/$version.log)" >&2
      exit 1
    fi
    jar="$logs/$(basename "$built")"
    cp "$built" "$jar"
    say "The one jar for every version: $(basename "$jar") sha256 $(sha256sum "$jar" | cut -c1-16)..."
  fi

  installed=$(ls "$root/provider/target/keycloak-$version/providers/"keycloak-org-mfa-*.jar 2>/dev/null | head -1)
  same_jar="no jar installed"
  if [ -n "$installed" ]; then
    if cmp -s "$installed" "$jar"; then same_jar="same jar"; else same_jar="DIFFERENT jar"; status=1; fi
  fi
  summary=$(it_summary "$log")
  if [ "$status" = 0 ]; then
    outcome=passed
  else
    outcome=FAILED
    failed+=("$version ($scope)")
  fi
  results+=("$(printf '%-8s %-6s %-7s %5ss  %-16s %s' "$version" "$scope" "$outcome" "$seconds" "$same_jar" "${summary:-no integration test summary}")")
  say "Keycloak $version: $outcome in ${seconds}s (${summary:-no integration test summary}; $same_jar)"
  if [ "${#results[@]}" = 1 ]; then coverage="$(coverage_summary)"; fi
done

say "Matrix done in $(( $(date +%s) - started_at ))s"
{
  printf '%-8s %-6s %-7s %6s  %-16s %s\n' version scope result time jar "integration tests"
  printf '%s\n' "${results[@]}"
  [ -z "$coverage" ] || echo "$coverage (${entries[0]}: unit tests and integration tests)"
} | tee "$logs/summary.txt"
if [ ${#failed[@]} -gt 0 ]; then
  for f in "${failed[@]}"; do
    echo "$f" >>"$logs/failed.txt"
    echo "MATRIX FAILED on Keycloak $f: see target/matrix/${f%% *}.log and provider/target/keycloak-it-${f%% *}.log" >&2
  done
  exit 1
fi
echo "MATRIX PASSED on every version: ${entries[*]}"
