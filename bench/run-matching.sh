#!/usr/bin/env bash
# `npm run bench:matching [-- --rebuild] [-- --requests N --warmup N]`: services, build, then the matching benchmark
# (dedicated database praksisbro_bench, seeded with the national data set on first use). See bench/matching.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmark uses its own database and Redis URLs (BENCH_DATABASE_URL / BENCH_REDIS_URL); local services are
# brought up unless those point elsewhere.
if [ -z "${BENCH_DATABASE_URL:-}" ] || [ -z "${BENCH_REDIS_URL:-}" ]; then
  env -u DATABASE_URL -u REDIS_URL bash scripts/ensure-services.sh
fi
echo "[bench] building (npm run build)" >&2
if ! npm run -s build; then
  echo "[bench] FAILED: the build has errors; fix them (or wait for the changes in progress) and run again" >&2
  exit 1
fi
exec node dist/bench/matching.js "$@"
