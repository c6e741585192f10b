#!/usr/bin/env bash
# Two-node check of exactly-once recovery codes and once-per-cluster reminders (docs/cluster.md). Starts a private PostgreSQL,
# builds the project, starts two production-mode Keycloak nodes that share the database and form one
# Infinispan cluster, runs TwoNodeRecoveryCodeIT and TwoNodeRemindersIT against both (Maven profile "cluster"), and always
# stops and removes everything it started. Needs Java 17+, Maven, curl and PostgreSQL's server
# binaries (installed with apt-get when missing and running as root). Extra arguments go to the
# Maven test run. Logs: target/cluster/ (build, PostgreSQL, both nodes, tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(sed -n 's:.*<keycloak.run.version>\(.*\)</keycloak.run.version>.*:\1:p' pom.xml)
logs="$root/target/cluster"
started_at=$(date +%s)

say() { printf '==> [%3ss] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }
fail() { echo "cluster-test: $*" >&2; exit 1; }

# --- PostgreSQL binaries --------------------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  [ "$(id -u)" = 0 ] || fail "needs PostgreSQL's server binaries: sudo apt-get install -y postgresql"
  say "Installing Debian's PostgreSQL"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pgbin=$(pg_bin)
# initdb refuses to run as root: run PostgreSQL as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# --- Clean-up, whatever happens -------------------------------------------------------------------
mkdir -p "$logs"
rm -f "$logs"/*.log
work=$(mktemp -d "${TMPDIR:-/tmp}/org-mfa-cluster.XXXXXX")
chmod 711 "$work"   # the postgres user must reach its data directory inside
pgdata="$work/pg"
node_pids=()

# kc.sh runs java as a child: collect the whole tree first, then stop it.
tree() { local pid=$1 child; echo "$pid"; for child in $(pgrep -P "$pid" 2>/dev/null); do tree "$child"; done; }
stop_tree() {
  local pids alive _
  pids=$(tree "$1" | tr '\n' ' ')
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 1 60); do
    alive=""
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
    [ -z "$alive" ] && return 0
    sleep 0.5
  done
  kill -KILL $alive 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  for pid in "${node_pids[@]}"; do
    say "Stopping Keycloak node (pid $pid)"
    stop_tree "$pid"
    wait "$pid" 2>/dev/null
  done
  if [ -f "$pgdata/postmaster.pid" ]; then
    say "Stopping PostgreSQL"
    as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >>"$logs/postgres.log" 2>&1
  fi
  for n in 1 2; do [ -f "$work/node$n.log" ] && cp "$work/node$n.log" "$logs/node$n.log"; done
  rm -rf "$work"
  say "Cleaned up; exit status $status; logs in target/cluster/"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Free ports -----------------------------------------------------------------------------------
taken=" "
port_free() { ! ss -Htan "( sport = :$1 )" 2>/dev/null | grep -q . && [[ "$taken" != *" $1 "* ]]; }
pick_port() {   # VAR: a free port P whose P+100 is free too (JGroups failure detection: bind port + 100)
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 20000 ))
    if port_free "$p" && port_free $(( p + 100 )); then
      taken="$taken$p $(( p + 100 )) "
      printf -v "$1" '%s' "$p"
      return
    fi
  done
  fail "no free port found"
}
for var in pg_port http1 mgmt1 jg1 http2 mgmt2 jg2; do pick_port "$var"; done

# --- PostgreSQL -----------------------------------------------------------------------------------
say "Starting PostgreSQL ($pgbin) on 127.0.0.1:$pg_port"
db_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
mkdir "$pgdata"
printf '%s\n' "$db_password" >"$work/pwfile"
if [ "$(id -u)" = 0 ]; then chown postgres "$pgdata" "$work/pwfile"; fi
as_pg "$pgbin/initdb" -D "$pgdata" -U keycloak --pwfile="$work/pwfile" -A scram-sha-256 -E UTF8 >"$logs/postgres.log" 2>&1 \
  || { tail -20 "$logs/postgres.log"; fail "initdb failed"; }
rm -f "$work/pwfile"
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pgdata" -w start >>"$logs/postgres.log" 2>&1 \
  || { tail -20 "$logs/postgres.log"; fail "PostgreSQL did not start"; }
PGPASSWORD=$db_password "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U keycloak keycloak >>"$logs/postgres.log" 2>&1 \
  || fail "createdb failed"

# --- Build ----------------------------------------------------------------------------------------
say "Building the project (mvn -B -DskipTests verify; log: target/cluster/build.log)"
mvn -B -DskipTests verify >"$logs/build.log" 2>&1 || { tail -40 "$logs/build.log"; fail "the build failed"; }
dist="$root/provider/target/keycloak-$version"
jar=$(ls "$root"/provider/target/keycloak-org-mfa-*.jar)
[ -x "$dist/bin/kc.sh" ] || fail "no Keycloak distribution at $dist"
[ "$(echo "$jar" | wc -l)" = 1 ] || fail "expected one provider jar, found: $jar"

say "kc.sh build --db=postgres --health-enabled=true (once, then one copy per node)"
base="$work/keycloak"
cp -a "$dist" "$base"
rm -rf "$base/data" "$base/providers/"*.jar
cp "$jar" "$base/providers/"
bash "$base/bin/kc.sh" build --db=postgres --health-enabled=true >"$logs/kc-build.log" 2>&1 \
  || { tail -40 "$logs/kc-build.log"; fail "kc.sh build failed"; }
cp -a "$base" "$work/node1"   # -a: kc.sh compares the providers' timestamps with the build's
cp -a "$base" "$work/node2"
rm -rf "$base"

# --- Two nodes ------------------------------------------------------------------------------------
hostname_url="http://127.0.0.1:$http1"   # the SAME on both nodes, so tokens and sessions are valid on both
start_node() {   # n http management jgroups
  local n=$1
  (
    cd "$work/node$n"
    export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password"
    export KC_DB_PASSWORD="$db_password"
    export JAVA_OPTS_APPEND="-Djgroups.fd.port-offset=100"
    exec bash bin/kc.sh start --optimized \
      --db=postgres --db-url="jdbc:postgresql://127.0.0.1:$pg_port/keycloak" --db-username=keycloak \
      --hostname="$hostname_url" --http-enabled=true --http-host=127.0.0.1 --http-port="$2" \
      --http-management-port="$3" \
      --cache=ispn --cache-stack=jdbc-ping \
      --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$4" \
      --spi-cache-embedded--default--node-name="node$n" \
      --spi-events-listener--org-mfa-notifications--reminder-interval=3
  ) >"$work/node$n.log" 2>&1 &
  node_pids+=($!)
}
await_ready() {   # n management-port timeout-seconds
  local pid=${node_pids[$(( $1 - 1 ))]}
  for _ in $(seq 1 "$3"); do
    curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1 && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      local status=0; wait "$pid" || status=$?
      tail -40 "$work/node$1.log"; fail "node $1 exited with status $status"
    fi
    sleep 1
  done
  tail -40 "$work/node$1.log"; fail "node $1 not ready after $3 s"
}

say "Starting node 1 (http $http1, management $mgmt1, JGroups $jg1): creates the schema"
start_node 1 "$http1" "$mgmt1" "$jg1"
await_ready 1 "$mgmt1" 360
say "Node 1 ready"
say "Starting node 2 (http $http2, management $mgmt2, JGroups $jg2)"
start_node 2 "$http2" "$mgmt2" "$jg2"
await_ready 2 "$mgmt2" 360
say "Node 2 ready"
view='ISPN000094: Received new cluster view.*(2)'
for _ in $(seq 1 120); do
  grep -q "$view" "$work/node1.log" && grep -q "$view" "$work/node2.log" && break
  sleep 1
done
for n in 1 2; do
  grep -q "$view" "$work/node$n.log" || fail "node $n never saw a two-member cluster view"
  say "node $n: $(grep -o 'ISPN000094: Received new cluster view.*' "$work/node$n.log" | tail -1)"
done

# --- The test -------------------------------------------------------------------------------------
say "Running TwoNodeRecoveryCodeIT and TwoNodeRemindersIT (mvn -B verify -Pcluster -DskipUTs; log: target/cluster/tests.log)"
test_status=0
mvn -B -ntp verify -Pcluster -DskipUTs -Dkeycloak.url="http://127.0.0.1:$http1" -Dkeycloak.url2="http://127.0.0.1:$http2" \
  -Dkeycloak.admin.username=admin -Dkeycloak.admin.password="$admin_password" "$@" >"$logs/tests.log" 2>&1 || test_status=$?
# The rounds, then Maven's closing lines: surefire's and failsafe's totals and the build result.
grep -E '^round [0-9]+:|rounds x|TwoNodeRecoveryCodeIT|TwoNodeRemindersIT|^reminders:|FAIL|ERROR\]|^\[[A-Z]+\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$|BUILD (SUCCESS|FAILURE)|Total time' \
  "$logs/tests.log" || true
# TwoNodeRemindersIT: which node's scheduled pass sent the reminders (both run the task every 3 s).
for n in 1 2; do say "node $n: $(grep -c 'enrollment reminders' "$work/node$n.log" || true) reminder passes sent e-mail"; done
[ "$test_status" = 0 ] || fail "the cluster test failed (exit $test_status); see target/cluster/tests.log"
say "Cluster test passed"
