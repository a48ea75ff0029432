#!/usr/bin/env bash
# `npm run test:faults [-- jest args]`: build, then the fault-tolerance tests (private PostgreSQL clusters and
# redis-servers under /tmp, never the shared ones) and a short load run against the shared services with a
# dedicated database. LOAD_SECONDS (default 20) and LOAD_CLIENTS (default 100) size the load run.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
if [ -z "${DATABASE_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  # The load run uses the machine's PostgreSQL and Redis (each fault test starts its own private ones).
  env -u DATABASE_URL -u REDIS_URL bash scripts/ensure-services.sh
fi
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/praksisbro}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning ${NODE_OPTIONS:-}"
echo "[faults] building (tsc -p tsconfig.build.json)" >&2
# Others' work in progress may not type-check; tsc still emits, and a broken runtime shows up as failing tests.
npx tsc -p tsconfig.build.json >/tmp/praksisbro-faults-tsc.$$ 2>&1 || { echo "[faults] tsc reported errors (emitted anyway):" >&2; head -20 /tmp/praksisbro-faults-tsc.$$ >&2; }
rm -f /tmp/praksisbro-faults-tsc.$$
status=0
npx jest -c test/faults/jest.config.js "$@" || status=$?
echo "[faults] finished in $(( $(date +%s) - started )) s (exit $status)" >&2
exit $status
