#!/usr/bin/env bash
# `npm run bench:notifications [-- --events N --employers N --window-ms N]`: services, build, then the notification
# throughput benchmark (dedicated database praksisbro_bench_notify, rebuilt each run). See bench/notifications.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_NOTIFY_DATABASE_URL:-}" ] || [ -z "${BENCH_REDIS_URL:-}" ]; then
  env -u DATABASE_URL -u REDIS_URL bash scripts/ensure-services.sh
fi
echo "[bench] building (npm run build)" >&2
if ! npm run -s build; then
  echo "[bench] FAILED: the build has errors; fix them (or wait for the changes in progress) and run again" >&2
  exit 1
fi
exec node dist/bench/notifications.js "$@"
