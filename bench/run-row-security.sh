#!/usr/bin/env bash
# `npm run bench:row-security [-- --rounds N --warmup N]`: services, build, then what row-level security costs per
# call (dedicated database praksisbro_bench, seeded with the national data set on first use). See bench/row-security.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
  env -u DATABASE_URL -u REDIS_URL bash scripts/ensure-services.sh
fi
echo "[bench] building (npm run build)" >&2
npm run -s build
exec node dist/bench/row-security.js "$@"
