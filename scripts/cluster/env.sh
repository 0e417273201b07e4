#!/usr/bin/env bash
# The environment of a Kabinet process of the local cluster (secrets made once per cluster folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
secrets="$CLUSTER_DIR/secrets"
if [ ! -f "$secrets" ]; then
  umask 077
  printf 'JWT_SECRET=%s\nSECRETS_MASTER_KEY=%s\n' "$(openssl rand -hex 32)" "$(openssl rand -hex 32)" >"$secrets"
fi
sentinels=$(printf '127.0.0.1:%s,' "${SENTINEL_PORTS[@]}")
cat <<ENV
NODE_ENV=production
DATABASE_URL=mysql://root@127.0.0.1:$HAPROXY_PORT/${CLUSTER_DATABASE:-kabinet}
REDIS_SENTINELS=${sentinels%,}
REDIS_SENTINEL_NAME=$SENTINEL_NAME
STORAGE_DRIVER=s3
S3_ENDPOINT=http://127.0.0.1:$S3_PORT
S3_BUCKET=$S3_BUCKET
S3_FORCE_PATH_STYLE=true
S3_ACCESS_KEY_ID=S3RVER
S3_SECRET_ACCESS_KEY=S3RVER
PUBLIC_URL=http://127.0.0.1:$NGINX_PORT
TRUST_PROXY=loopback
REPORT_PARSER_WORKERS=2
# The replay uploads every report from this machine: the per-address limit would measure itself.
RATE_LIMIT_PER_MINUTE=1000000000
# The replay's webhook receiver listens on this machine over plain http.
WEBHOOK_ALLOWED_HOSTS=127.0.0.1
$(cat "$secrets")
ENV
