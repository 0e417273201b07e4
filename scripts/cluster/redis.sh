#!/usr/bin/env bash
# Redis of the cluster: `redis.sh start-primary`, `redis.sh start-replica`, `redis.sh start-sentinels`,
# `redis.sh kill PORT`, `redis.sh restart PORT` (comes back as a replica: the Sentinels reconfigure it),
# `redis.sh primary` (the address the Sentinels currently name).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

redis_node() { # redis_node PORT [replicaof args...]
  local port=$1
  shift
  mkdir -p "$CLUSTER_DIR/redis$port"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$CLUSTER_DIR/redis$port" --pidfile "$CLUSTER_DIR/redis$port.pid" \
    --logfile "$CLUSTER_DIR/redis$port.log" "$@"
  wait_until "redis $port" 60 redis-cli -p "$port" ping
}

sentinel_node() {
  local port=$1 conf="$CLUSTER_DIR/sentinel$1.conf"
  cat >"$conf" <<CONF
port $port
bind 127.0.0.1
daemonize yes
pidfile $CLUSTER_DIR/sentinel$port.pid
logfile $CLUSTER_DIR/sentinel$port.log
dir $CLUSTER_DIR
sentinel monitor $SENTINEL_NAME 127.0.0.1 ${REDIS_PORTS[0]} 2
sentinel down-after-milliseconds $SENTINEL_NAME 2000
sentinel failover-timeout $SENTINEL_NAME 10000
sentinel parallel-syncs $SENTINEL_NAME 1
CONF
  redis-sentinel "$conf"
  wait_until "sentinel $port" 60 redis-cli -p "$port" ping
}

case "${1:?action}" in
  start-primary) redis_node "${REDIS_PORTS[0]}" ;;
  start-replica) redis_node "${REDIS_PORTS[1]}" --replicaof 127.0.0.1 "${REDIS_PORTS[0]}" ;;
  start-sentinels)
    for port in "${SENTINEL_PORTS[@]}"; do sentinel_node "$port"; done
    ;;
  kill)
    kill -9 "$(cat "$CLUSTER_DIR/redis${2:?port}.pid")"
    ;;
  restart)
    # The Sentinels turn a returning former primary into a replica of the promoted one.
    redis_node "${2:?port}"
    ;;
  primary)
    redis-cli -p "${SENTINEL_PORTS[0]}" SENTINEL get-master-addr-by-name "$SENTINEL_NAME" | paste -sd:
    ;;
  *) echo "unknown action $1" >&2; exit 2 ;;
esac
