#!/usr/bin/env bash
# Start this machine's PostgreSQL 15 and make sure a role and database exist for the
# tests; print the DATABASE_URL to use. Idempotent: safe to run before every test run.
#
#   DATABASE_URL=$(.ci/postgres.sh) .venv/bin/pytest
#
# The role may create databases because pytest-django creates test_<name> beside it.
set -euo pipefail

PG_VERSION=15
PG_ROLE=${PG_ROLE:-cms}
PG_PASSWORD=${PG_PASSWORD:-cms}
PG_DB=${PG_DB:-cms}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

if ! command -v pg_ctlcluster >/dev/null || [ ! -d "/usr/lib/postgresql/$PG_VERSION" ]; then
    echo "Installing PostgreSQL $PG_VERSION..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION main"; then
    pg_createcluster "$PG_VERSION" main >&2
fi
if ! pg_lsclusters -h | awk '$1=="'"$PG_VERSION"'" && $2=="main" {print $4}' | grep -qx online; then
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start >&2
fi
for _ in $(seq 1 30); do
    as_postgres pg_isready -q -h /var/run/postgresql && break
    sleep 1
done

as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres >&2 <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$PG_ROLE', '$PG_PASSWORD')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$PG_DB', '$PG_ROLE')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL

echo "postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:5432/$PG_DB"
