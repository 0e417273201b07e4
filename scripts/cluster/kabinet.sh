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
    setsid "$node_bin" "$main" "--kabinet-cluster=$CLUSTER_DIR" >>"$CLUSTER_DIR/$name.log" 2>&1) &
  echo $! >"$CLUSTER_DIR/$name.pid"
  wait_until "$name" 240 curl -sf "http://127.0.0.1:$port/health"
  log "$name up (port $port)"
}

start_nginx() {
  alive nginx && return 0
  mkdir -p "$CLUSTER_DIR/nginx"
  # deploy/nginx.conf itself, with only the lines marked `bench:` rewritten for this folder and
  # these API ports (as the benchmarks do, bench/nginx.ts).
  local upstreams="" port
  for port in "${API_PORTS[@]}"; do upstreams+="server 127.0.0.1:$port max_fails=0;\n"; done
  awk -v dir="$CLUSTER_DIR/nginx" -v piddir="$CLUSTER_DIR" -v listen="127.0.0.1:$NGINX_PORT" -v up="$upstreams" '
    match($0, /#[ \t]*bench:[ \t]*[a-z_]+[ \t]*$/) {
      indent = $0; sub(/[^ \t].*$/, "", indent)
      marker = substr($0, RSTART); sub(/^#[ \t]*bench:[ \t]*/, "", marker); sub(/[ \t]*$/, "", marker)
      if (marker == "pid") print indent "pid " piddir "/nginx.pid;"
      else if (marker == "error_log") print indent "error_log " dir "/error.log warn;"
      else if (marker == "access_log") print indent "access_log off;"
      else if (marker == "client_body_temp_path") print indent "client_body_temp_path " dir "/body;"
      else if (marker == "proxy_temp_path") print indent "proxy_temp_path " dir "/proxy;"
      else if (marker == "listen") print indent "listen " listen ";"
      else if (marker == "upstream") { n = split(up, lines, "\\n"); for (i = 1; i < n; i++) print indent lines[i] }
      else { print "unknown marker " marker > "/dev/stderr"; exit 1 }
      next
    }
    { print }
  ' "$root/deploy/nginx.conf" >"$CLUSTER_DIR/nginx.conf"
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
        if [ "$name" = nginx ]; then kill "$(pid_of nginx)" || true; else kill -- -"$(pid_of "$name")" 2>/dev/null || kill "$(pid_of "$name")" 2>/dev/null || true; fi
      fi
    done
    # Whatever of this cluster's Kabinet processes a pid file lost track of (each carries the
    # folder in its command line).
    pkill -f -- "--kabinet-cluster=$CLUSTER_DIR" 2>/dev/null || true
    ;;
  kill)
    # The whole process group: a worker's parser children die with it, as on a lost machine.
    kill -9 -- -"$(pid_of "${2:?name}")" 2>/dev/null || kill -9 "$(pid_of "$2")"
    ;;
  restart) start_one "${2:?name}" ;;
  *) echo "unknown action $1" >&2; exit 2 ;;
esac
