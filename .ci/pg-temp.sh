#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster in a temp dir (unix socket only, no TCP) and prints its
# URL. It stops and deletes itself when process OWNER_PID (default: the caller) exits.
#   usage: .ci/pg-temp.sh [OWNER_PID]
# Used by the test suite when TEST_DATABASE_URL is not set.
set -euo pipefail
owner=${1:-$PPID}

bin_dir=""
for candidate in $(command -v initdb 2>/dev/null | xargs -r dirname) /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bin_dir=$candidate; break; fi
done
[ -n "$bin_dir" ] || { echo "pg-temp: initdb/pg_ctl not found (install PostgreSQL's server package)" >&2; exit 1; }

dir=$(mktemp -d /tmp/steward-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb and postgres refuse to run as root.
  id postgres >/dev/null 2>&1 || { echo "pg-temp: running as root needs a 'postgres' user" >&2; exit 1; }
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

"${as_owner[@]}" "$bin_dir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin_dir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

# The watchdog: outlives this script, removes the cluster once the owner is gone.
nohup bash -c "
  while kill -0 $owner 2>/dev/null; do sleep 1; done
  ${as_owner[*]} '$bin_dir/pg_ctl' -D '$dir/data' -m immediate stop >/dev/null 2>&1
  rm -rf '$dir'
" >/dev/null 2>&1 &

echo "postgres://postgres@localhost/postgres?host=$dir"
