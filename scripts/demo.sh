#!/usr/bin/env bash
# Starts Keycloak 26.7.5 (keycloak.run.version in pom.xml; dev mode, embedded H2) with the extension
# and the demo realm on http://localhost:8080. Needs only Java 17+ and Maven: the Keycloak
# distribution comes from Maven Central. Each start is fresh (the demo database lives under
# target/demo and is reset).
# Ports: KC_HTTP_PORT (default 8080) and KC_MANAGEMENT_PORT (default 9000).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
http_port=${KC_HTTP_PORT:-8080}
management_port=${KC_MANAGEMENT_PORT:-9000}
version=$(sed -n 's:.*<keycloak.run.version>\(.*\)</keycloak.run.version>.*:\1:p' pom.xml)

mkdir -p "$root/target"
echo "==> Building the provider jar and fetching Keycloak $version through Maven (first run: a few minutes)"
if ! mvn -B -DskipTests verify >"$root/target/demo-build.log" 2>&1; then
  tail -40 "$root/target/demo-build.log"
  echo "The build failed; the whole log is in target/demo-build.log" >&2
  exit 1
fi

home="$root/target/demo/keycloak-$version"
rm -rf "$root/target/demo"
mkdir -p "$root/target/demo"
cp -r "provider/target/keycloak-$version" "$home"
rm -rf "$home/data" "$home/providers/"keycloak-org-mfa-*.jar
mkdir -p "$home/data/import"
cp provider/target/keycloak-org-mfa-*.jar "$home/providers/"
rm -f "$home/providers/"original-*.jar
cp realm-exports/*.json "$home/data/import/"

export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
echo "==> Starting Keycloak (log: target/demo/keycloak.log)"
bash "$home/bin/kc.sh" start-dev --import-realm --http-port="$http_port" \
  --http-management-port="$management_port" --health-enabled=true >"$root/target/demo/keycloak.log" 2>&1 &
server=$!
# kc.sh ends by exec-ing java, so $server is Keycloak itself (pkill -P finds no child then: under
# set -e the trap must not stop at that failure, or Keycloak keeps running after a TERM).
trap 'echo; echo "==> Stopping Keycloak"; pkill -TERM -P $server 2>/dev/null || true; kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; exit 0' INT TERM

for _ in $(seq 1 360); do
  if curl -fs "http://localhost:$management_port/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 $server 2>/dev/null; then echo "Keycloak did not start:"; tail -40 "$root/target/demo/keycloak.log"; exit 1; fi
  sleep 1
done
curl -fs "http://localhost:$management_port/health/ready" >/dev/null || { echo "Keycloak not ready after 6 minutes"; exit 1; }

base="http://localhost:$http_port"
cat <<TXT

Keycloak $version with keycloak-org-mfa is running.

  Admin console     $base/admin/master/console/#/org-mfa-demo     admin / $KC_BOOTSTRAP_ADMIN_PASSWORD
  Account console   $base/realms/org-mfa-demo/account            (signs in through the org-mfa browser flow)
  Admin REST API    $base/admin/realms/org-mfa-demo/org-mfa/...
  Admins' page      $base/realms/org-mfa-demo/org-mfa-admin/      realm-admin / demo (docs/admin-page.md)

  Demo users of realm org-mfa-demo (password: demo)
    alice, adam     members of Acme Corp (mfa.totp.required=true): set up TOTP at first sign-in
    bob             member of Globex (TOTP optional): signs in with the password only
    carol           in no organization: signs in with the password only
    realm-admin     realm admin of org-mfa-demo (for the REST API and the admin console)

Press Ctrl+C to stop.
TXT
wait $server
