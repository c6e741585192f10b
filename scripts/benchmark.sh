#!/usr/bin/env bash
# The published benchmarks (docs/benchmarks.md), not part of the test run: starts one Keycloak
# (keycloak.run.version, 26.7.5 by default) with the freshly built jar, as the integration tests do,
# and runs the benchmark classes in provider/src/test/java/dev/orgmfa/keycloak/bench/:
#   SignInBenchmark  browser sign-ins (password + TOTP) through org-mfa-totp vs Keycloak's stock
#                    browser flow with conditional OTP, sequential and 8 concurrent clients;
#                    sign-ins with a recovery code
#   ScaleBenchmark   policy look-up at 1/10/100 memberships in realms of 100 and 10,000
#                    organizations; member pages, summary and a batch reset at 10,000 members
# Results: provider/target/benchmarks/*.md (and stdout, lines starting with [bench]).
# Takes about 30-40 minutes on a quiet 2-core machine, most of it building the 10,000-member realm.
# Extra arguments go to Maven, e.g.
#   scripts/benchmark.sh -Dit.test=SignInBenchmark -Dbench.rounds=9     (only the sign-ins, more rounds)
#   scripts/benchmark.sh -Dkeycloak.run.version=26.4.7                   (another Keycloak line)
# Knobs (system properties): bench.rounds (5), bench.sequential (20), bench.clients (8),
# bench.perClient (10), bench.users (600), bench.organizations (10000), bench.members (10000),
# bench.enrolled (1000), bench.calls (30), bench.withSessions (1000).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (the numbers mean little above ~0.5)"
# start-dev turns the theme caches off, so every page would re-read and re-parse its FreeMarker template;
# a production server (kc.sh start) caches them, and so does the benchmarked one.
exec mvn -B verify -pl provider -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='SignInBenchmark,ScaleBenchmark' \
  "-Dkeycloak.start.options=--spi-theme--cache-themes=true --spi-theme--cache-templates=true" "$@"
