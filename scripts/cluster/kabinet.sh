#!/usr/bin/env bash
# Kabinet's processes in the local cluster:
#   kabinet.sh start              2 API + 2 workers, then nginx in front of the APIs
#   kabinet.sh stop
#   kabinet.sh kill NAME          SIGKILL one process (api1 api2 worker1 worker2)
#   kabinet.sh restart NAME       start one process again
# The first API process creates and migrates the database; the others start once it is healthy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

main="$root/dist/src/main.js"
node_bin=${NODE_BIN:-node}

start_one() {
  local name=$1 index role port
  index=${name: -1}
  role=${name%?}
  [ -f "$main" ] || { echo "build first: npm run build" >&2; exit 1; }
  if alive "$name"; then return 0; fi
  local extra=(APP_ROLE="$role")
  if [ "$role" = api ]; then
    port=${API_PORTS[$((index - 1))]}
    extra+=(PORT="$port")
  else
    port=${WORKER_METRICS_PORTS[$((index - 1))]}
    extra+=(WORKER_METRICS_PORT="$port")
  fi
  # shellcheck disable=SC2046
  (cd "$root" && exec env $(grep -v '^#' "$CLUSTER_DIR/env" | xargs) "${extra[@]}" \
    setsid "$node_bin" "$main" >>"$CLUSTER_DIR/$name.log" 2>&1) &
  echo $! >"$CLUSTER_DIR/$name.pid"
  wait_until "$name" 240 curl -sf "http://127.0.0.1:$port/health"
  log "$name up (port $port)"
}

start_nginx() {
  alive nginx && return 0
  mkdir -p "$CLUSTER_DIR/nginx"
  sed -e "s#listen 3000;#listen 127.0.0.1:$NGINX_PORT;#" \
    -e "s#server 127.0.0.1:3001[^;]*;#server 127.0.0.1:${API_PORTS[0]} max_fails=1 fail_timeout=2s;#" \
    -e "s#server 127.0.0.1:3002[^;]*;#server 127.0.0.1:${API_PORTS[1]} max_fails=1 fail_timeout=2s;#" \
    -e "s#/run/nginx.pid#$CLUSTER_DIR/nginx.pid#" \
    -e "s#/var/log/nginx/#$CLUSTER_DIR/nginx/#g" \
    -e "s#/var/lib/nginx/#$CLUSTER_DIR/nginx/#g" \
    "$root/deploy/nginx.conf" >"$CLUSTER_DIR/nginx.conf"
  nginx -c "$CLUSTER_DIR/nginx.conf" -p "$CLUSTER_DIR/nginx" >>"$CLUSTER_DIR/nginx.log" 2>&1
  wait_until nginx 60 curl -sf "http://127.0.0.1:$NGINX_PORT/health"
  log "nginx on $NGINX_PORT"
}

case "${1:?start|stop|kill|restart}" in
  start)
    start_one api1
    start_one api2
    start_one worker1
    start_one worker2
    start_nginx
    ;;
  stop)
    for name in nginx api1 api2 worker1 worker2; do
      if alive "$name"; then
        if [ "$name" = nginx ]; then kill "$(pid_of nginx)"; else kill -- -"$(pid_of "$name")" 2>/dev/null || kill "$(pid_of "$name")"; fi
      fi
    done
    ;;
  kill)
    # The whole process group: a worker's parser children die with it, as on a lost machine.
    kill -9 -- -"$(pid_of "${2:?name}")" 2>/dev/null || kill -9 "$(pid_of "$2")"
    ;;
  restart) start_one "${2:?name}" ;;
  *) echo "unknown action $1" >&2; exit 2 ;;
esac
