#!/usr/bin/env bash
# HAProxy external check: a Galera node takes writes only while Synced (wsrep_local_state 4); a
# joiner or donor still answers MySQL's handshake, so a plain mysql-check would send it traffic.
# Arguments (HAProxy's): <proxy address> <proxy port> <server address> <server port>.
state=$(mariadb --protocol=tcp -h "$3" -P "$4" -u root -N -B --connect-timeout=1 \
  -e "SHOW STATUS LIKE 'wsrep_local_state'" 2>/dev/null | cut -f2)
[ "$state" = 4 ]
