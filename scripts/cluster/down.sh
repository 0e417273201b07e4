#!/usr/bin/env bash
# Stops everything up.sh started and removes the cluster folder (`--keep` keeps it).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
[ -d "$CLUSTER_DIR" ] || exit 0
"$here/kabinet.sh" stop 2>/dev/null
for name in nginx haproxy s3; do
  alive "$name" && kill "$(pid_of "$name")"
done
for port in "${SENTINEL_PORTS[@]}" "${REDIS_PORTS[@]}"; do
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1
done
for n in "${GALERA_NODES[@]}"; do "$here/galera.sh" stop "$n"; done
[ "${1:-}" = --keep ] || rm -rf "$CLUSTER_DIR"
log "stopped"
