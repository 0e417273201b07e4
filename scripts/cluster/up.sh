#!/usr/bin/env bash
# Starts Kabinet's reference cluster on one machine, in $CLUSTER_DIR (default: a folder in $TMPDIR):
#   - MariaDB Galera, 3 nodes (127.0.0.1:3311-3313), state transfer by rsync;
#   - HAProxy on 127.0.0.1:3310: one writer node at a time, the others as backups, a node counted
#     healthy only while Galera says Synced;
#   - Redis primary (6391) + replica (6392) + 3 Sentinels (26391-26393, master name `kabinet`);
#   - s3rver (S3 protocol) on 127.0.0.1:4599, bucket `kabinet`;
#   - Kabinet: 2 API processes (3101, 3102) and 2 workers behind nginx on 127.0.0.1:3100
#     (deploy/nginx.conf), unless --infra-only.
# Needs Debian's galera-4, haproxy, redis-sentinel, rsync and nginx, and `npm run build` done.
# Prints the environment a client or another Kabinet process uses; `down.sh` stops everything.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

infra_only=false
[ "${1:-}" = --infra-only ] && infra_only=true

for bin in /usr/sbin/mariadbd "$GALERA_PROVIDER" haproxy redis-sentinel rsync nginx; do
  if ! command -v "$bin" >/dev/null 2>&1 && [ ! -e "$bin" ]; then
    echo "missing $bin: apt-get install -y galera-4 haproxy redis-sentinel rsync nginx" >&2
    exit 1
  fi
done
if [ -f "$CLUSTER_DIR/haproxy.pid" ]; then
  echo "a cluster runs in $CLUSTER_DIR: scripts/cluster/down.sh first" >&2
  exit 1
fi
mkdir -p "$CLUSTER_DIR"
log "cluster folder $CLUSTER_DIR"

# Galera: the first node bootstraps the cluster, the others join it by state transfer.
"$here/galera.sh" start 1 --bootstrap
"$here/galera.sh" start 2
"$here/galera.sh" start 3

cat >"$CLUSTER_DIR/haproxy.cfg" <<CFG
global
  maxconn 4000
  external-check
  insecure-fork-wanted
defaults
  mode tcp
  timeout connect 2s
  timeout client 1h
  timeout server 1h
listen galera
  bind 127.0.0.1:$HAPROXY_PORT
  option external-check
  external-check path "/usr/bin:/bin"
  external-check command $here/galera-check.sh
  # Connections to a node marked down are cut, so the pool reconnects to the next writer.
  default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
  server galera1 127.0.0.1:$(galera_port 1) check
  server galera2 127.0.0.1:$(galera_port 2) check backup
  server galera3 127.0.0.1:$(galera_port 3) check backup
listen stats
  mode http
  bind 127.0.0.1:$HAPROXY_STATS_PORT
  stats enable
  stats uri /
CFG
haproxy -D -f "$CLUSTER_DIR/haproxy.cfg" -p "$CLUSTER_DIR/haproxy.pid" >>"$CLUSTER_DIR/haproxy.log" 2>&1
wait_until haproxy 60 sql "$HAPROXY_PORT" "SELECT 1"
log "haproxy writer endpoint on $HAPROXY_PORT"

"$here/redis.sh" start-primary
"$here/redis.sh" start-replica
"$here/redis.sh" start-sentinels
log "redis primary ${REDIS_PORTS[0]}, replica ${REDIS_PORTS[1]}, sentinels ${SENTINEL_PORTS[*]}"

mkdir -p "$CLUSTER_DIR/s3"
node "$here/s3.mjs" "$S3_PORT" "$CLUSTER_DIR/s3" "$S3_BUCKET" >>"$CLUSTER_DIR/s3.log" 2>&1 &
echo $! >"$CLUSTER_DIR/s3.pid"
wait_until s3rver 60 curl -sf "http://127.0.0.1:$S3_PORT/"
log "s3rver on $S3_PORT"

"$here/env.sh" >"$CLUSTER_DIR/env"
if [ "$infra_only" = false ]; then
  "$here/kabinet.sh" start
fi
cat "$CLUSTER_DIR/env"
