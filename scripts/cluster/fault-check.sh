#!/usr/bin/env bash
# The short fault run of CI: starts the cluster in a new folder, proves the transaction runner
# retries a Galera certification conflict, replays 360 uploads over 150 s while each fault is
# injected once (Galera writer, Redis primary, a worker, an API process, storage), checks zero
# loss, and stops the cluster whatever happened. Needs `npm run build` done; builds the
# benchmarks (bench/, into dist-bench/).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

missing=()
[ -e /usr/lib/galera/libgalera_smm.so ] || missing+=(galera-4)
command -v haproxy >/dev/null || missing+=(haproxy)
command -v redis-sentinel >/dev/null || missing+=(redis-sentinel)
command -v rsync >/dev/null || missing+=(rsync)
command -v nginx >/dev/null || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kabinet-cluster.XXXXXX")
export CLUSTER_DIR
rmdir "$CLUSTER_DIR" # up.sh makes it
cleanup() {
  local status=$?
  if [ $status -ne 0 ]; then
    echo "cluster logs (last lines):" >&2
    for f in "$CLUSTER_DIR"/*.log "$CLUSTER_DIR"/galera*/error.log; do
      [ -f "$f" ] && { echo "== $f" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  "$here/down.sh" >/dev/null 2>&1 || true
  exit $status
}
trap cleanup EXIT

"$here/up.sh" >/dev/null
cd "$root"
npx tsc -p bench/tsconfig.json
npm run --silent test:cluster
node dist-bench/bench/replay.js --cluster --faults --fraction 0.002 --duration 150 --final-timeout 8
