#!/usr/bin/env bash
# Install (if missing) and start a local PostgreSQL server, create the role and
# database the tests use, and print the line that points the tests at it:
#   eval "$(.ci/postgres.sh)"      # sets TIMELINE_TEST_PG_URL
# Everything but the final export line goes to stderr.
set -euo pipefail
PG_USER=${PG_USER:-timeline}
PG_PASSWORD=${PG_PASSWORD:-timeline}
PG_DB=${PG_DB:-timeline_test}
PG_PORT=${PG_PORT:-5432}

sudo_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql (Debian package)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2 && apt-get install -y postgresql >&2
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
if command -v pg_lsclusters >/dev/null; then
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$VERSION main$"; then
    pg_createcluster "$VERSION" main --port "$PG_PORT" >&2
  fi
  if ! pg_lsclusters -h | awk '$1=="'"$VERSION"'" && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$VERSION" main start >&2 || service postgresql start >&2
  fi
  PG_PORT=$(pg_lsclusters -h | awk '$1=="'"$VERSION"'" && $2=="main" {print $3}')
else
  service postgresql start >&2
fi

for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p "$PG_PORT" -q && break
  sleep 1
done

sudo_pg "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\"" | grep -q 1 \
  || sudo_pg "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qc \"CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB\"" >&2
sudo_pg "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qtAc \"SELECT 1 FROM pg_database WHERE datname='$PG_DB'\"" | grep -q 1 \
  || sudo_pg "createdb -p $PG_PORT -O $PG_USER $PG_DB" >&2

echo "export TIMELINE_TEST_PG_URL=postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
