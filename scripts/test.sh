#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against a real Keycloak (by default the version
# in pom.xml's keycloak.run.version, 26.7.5) with the freshly built provider jar, including
# headless-Chromium screen tests. Extra arguments go to Maven, e.g.
#   scripts/test.sh -Dkeycloak.run.version=26.4.7         (the whole suite on another Keycloak line)
#   scripts/test.sh -Psmoke -Dkeycloak.run.version=26.4.7 (only the smoke subset, @Tag("smoke"))
#   scripts/test.sh -Dit.test=RecoveryCodesIT              (one integration test class)
#   scripts/test.sh -Dkeycloak.url=http://127.0.0.1:8080 -Dkeycloak.skipUnpack=true   (a running server)
# Every supported line at once: scripts/test-matrix.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium and chromium-driver for the screen tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "The screen tests need Debian's chromium and chromium-driver:" >&2
    echo "  sudo apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
fi

exec mvn -B verify "$@"
