#!/usr/bin/env bash
# Every test, as CI runs them (.ci/run calls exactly this after installing packages):
#   1. scripts/test-matrix.sh   unit tests; the whole integration suite on the default Keycloak
#                               (keycloak.run.version, 26.7.5); the smoke subset on 26.4.7, 26.5.6, 26.6.4,
#                               all with the one jar built in step 1
#   2. scripts/cluster-test.sh  two Keycloak nodes sharing one PostgreSQL: a recovery code works once
# Both steps always run; the run fails if either fails, and the closing summary says which (and which
# Keycloak version). Logs: target/matrix/, target/cluster/, provider/target/keycloak-it-*.log.
# Needs Debian's chromium, chromium-driver and postgresql: scripts/test.sh and scripts/cluster-test.sh
# install them when run as root, or tell you the apt-get line.
set -uo pipefail
cd "$(dirname "$0")/.."
started_at=$(date +%s)
say() { printf '\n==> [tests %4ss] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's chromium and chromium-driver for the screen tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "The screen tests need Debian's chromium and chromium-driver: sudo apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
fi

say "1/2 scripts/test-matrix.sh"
t0=$(date +%s)
matrix_status=0
scripts/test-matrix.sh || matrix_status=$?
matrix_seconds=$(( $(date +%s) - t0 ))

say "2/2 scripts/cluster-test.sh"
t0=$(date +%s)
cluster_status=0
scripts/cluster-test.sh || cluster_status=$?
cluster_seconds=$(( $(date +%s) - t0 ))

say "Summary (total $(( $(date +%s) - started_at ))s)"
if [ -f target/matrix/summary.txt ]; then cat target/matrix/summary.txt; fi
result() { if [ "$1" = 0 ]; then echo passed; else echo "FAILED (exit $1)"; fi; }
printf 'version matrix : %s in %ss\n' "$(result "$matrix_status")" "$matrix_seconds"
printf 'two-node check : %s in %ss\n' "$(result "$cluster_status")" "$cluster_seconds"
if [ "$matrix_status" != 0 ] || [ "$cluster_status" != 0 ]; then
  if [ -f target/matrix/failed.txt ]; then
    while read -r line; do echo "TESTS FAILED: Keycloak $line" >&2; done <target/matrix/failed.txt
  fi
  [ "$matrix_status" = 0 ] || echo "TESTS FAILED: version matrix (target/matrix/)" >&2
  [ "$cluster_status" = 0 ] || echo "TESTS FAILED: two-node check (target/cluster/)" >&2
  exit 1
fi
echo "ALL TESTS PASSED"
