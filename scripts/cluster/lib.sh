# Shared settings of the local cluster scripts (sourced, not run).
# Ports sit away from the single-node services (MariaDB 3306, Redis 6379) so both can run.

CLUSTER_DIR=${CLUSTER_DIR:-${TMPDIR:-/tmp}/kabinet-cluster}
GALERA_NODES=(1 2 3)
galera_port() { echo $((3310 + $1)); }       # SQL: 3311 3312 3313
galera_gcomm_port() { echo $((4560 + $1)); } # group communication: 4561 4562 4563
galera_ist_port() { echo $((4570 + $1)); }   # incremental state transfer
galera_sst_port() { echo $((4440 + $1)); }   # snapshot state transfer (rsync)
HAPROXY_PORT=${HAPROXY_PORT:-3310}            # the one writer endpoint Kabinet uses
HAPROXY_STATS_PORT=${HAPROXY_STATS_PORT:-8404}
REDIS_PORTS=(6391 6392)                       # started as primary and replica
SENTINEL_PORTS=(26391 26392 26393)
SENTINEL_NAME=${SENTINEL_NAME:-kabinet}
S3_PORT=${S3_PORT:-4599}
S3_BUCKET=${S3_BUCKET:-kabinet}
NGINX_PORT=${NGINX_PORT:-3100}
API_PORTS=(3101 3102)
WORKER_METRICS_PORTS=(3111 3112)
GALERA_PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}

log() { printf '[cluster] %s\n' "$*" >&2; }

wait_until() {
  local what=$1 tries=$2
  shift 2
  for _ in $(seq 1 "$tries"); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  log "$what did not come up (see $CLUSTER_DIR/*.log)"
  return 1
}

sql() { # sql <port> <statement>
  mariadb --protocol=tcp -h 127.0.0.1 -P "$1" -u root -N -B -e "$2"
}

pid_of() { [ -f "$CLUSTER_DIR/$1.pid" ] && cat "$CLUSTER_DIR/$1.pid"; }

alive() {
  local pid
  pid=$(pid_of "$1") || return 1
  kill -0 "$pid" 2>/dev/null
}
