#!/usr/bin/env bash
# One Galera node's life: `galera.sh start N [--bootstrap]`, `galera.sh stop N`, `galera.sh kill N`.
# A node that joins a running cluster receives the missing writesets (IST) or a full copy (SST by
# rsync) from a donor.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

action=${1:?start|stop|kill}
node=${2:?node number}
bootstrap=${3:-}
dir="$CLUSTER_DIR/galera$node"
name="galera$node"

members() {
  local list=() n
  for n in "${GALERA_NODES[@]}"; do list+=("127.0.0.1:$(galera_gcomm_port "$n")"); done
  local IFS=,
  echo "${list[*]}"
}

start() {
  if alive "$name"; then
    return 0
  fi
  mkdir -p "$dir/data" "$dir/tmp"
  # As root, mariadbd runs as `mysql`: the rsync daemon of a joining node would otherwise write as
  # `nobody` into a root-owned data directory and the state transfer fails.
  local user
  user=$(id -un)
  if [ "$user" = root ]; then
    user=mysql
    chown -R mysql:mysql "$dir"
  fi
  if [ ! -d "$dir/data/mysql" ] && [ "$bootstrap" = --bootstrap ]; then
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
  fi
  local cluster_address="gcomm://$(members)"
  local extra=()
  if [ "$bootstrap" = --bootstrap ]; then
    extra+=(--wsrep-new-cluster)
    # A node that was the last to leave may bootstrap again.
    [ -f "$dir/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$dir/data/grastate.dat"
  fi
  /usr/sbin/mariadbd --no-defaults \
    --user="$user" \
    --datadir="$dir/data" --tmpdir="$dir/tmp" \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
    --bind-address=127.0.0.1 --port="$(galera_port "$node")" \
    --log-error="$dir/error.log" \
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
    --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 \
    --max-connections=300 \
    --wsrep-on=ON --wsrep-provider="$GALERA_PROVIDER" \
    --wsrep-cluster-name=kabinet --wsrep-cluster-address="$cluster_address" \
    --wsrep-node-name="$name" --wsrep-node-address="127.0.0.1:$(galera_gcomm_port "$node")" \
    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(galera_gcomm_port "$node");base_port=$(galera_gcomm_port "$node");ist.recv_addr=127.0.0.1:$(galera_ist_port "$node");gcache.size=256M" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$(galera_sst_port "$node")" \
    --wsrep-slave-threads=2 \
    "${extra[@]}" >>"$CLUSTER_DIR/$name.log" 2>&1 &
  echo $! >"$CLUSTER_DIR/$name.pid"
  wait_until "$name" 240 synced "$node"
  log "$name synced on port $(galera_port "$node")"
}

synced() {
  [ "$(sql "$(galera_port "$1")" "SHOW STATUS LIKE 'wsrep_local_state_comment'" | cut -f2)" = Synced ]
}

case "$action" in
  start) start ;;
  stop)
    if alive "$name"; then
      kill "$(pid_of "$name")"
      wait_until "$name stopping" 120 bash -c "! kill -0 $(pid_of "$name")"
    fi
    ;;
  kill)
    alive "$name" && kill -9 "$(pid_of "$name")"
    ;;
  synced) synced "$node" ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
