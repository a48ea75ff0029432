#!/usr/bin/env bash
# `npm run bench:load [-- --seconds 60 --clients 100 --warmup 5 --think-ms 0]`: services, build, then the load run
# (100 clients, 60 s, realistic mix) against api + worker on the machine's PostgreSQL and Redis with a dedicated
# database (praksisbro_load_bench, rebuilt from the demo data set each run). See bench/load.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_LOAD_DATABASE_URL:-}" ] || [ -z "${BENCH_REDIS_URL:-}" ]; then
  env -u DATABASE_URL -u REDIS_URL bash scripts/ensure-services.sh
fi
echo "[load] building (tsc -p tsconfig.build.json)" >&2
# Others' work in progress may not type-check; tsc still emits, and a broken runtime fails the run itself.
npx tsc -p tsconfig.build.json >/tmp/praksisbro-load-tsc.$$ 2>&1 || { echo "[load] tsc reported errors (emitted anyway):" >&2; head -10 /tmp/praksisbro-load-tsc.$$ >&2; }
rm -f /tmp/praksisbro-load-tsc.$$
exec node dist/bench/load.js "$@"
