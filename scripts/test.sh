#!/usr/bin/env bash
# `npm test`: every unit and end-to-end test against real PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-services.sh --with-chromium --with-fault-tools
export NODE_ENV=test
export DATABASE_URL="${TEST_DATABASE_URL:-${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/praksisbro_test}}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:2525}"
export JWT_SECRET="${JWT_SECRET:-test-secret-that-is-long-enough-for-hs256}"
export QUEUE_PREFIX="${QUEUE_PREFIX:-praksisbro-test}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning ${NODE_OPTIONS:-}"
# End-to-end tests run the compiled api and worker as real processes.
npm run -s build
npx jest "$@"
# `npm test` is every test: with no arguments the fault-tolerance suite follows (test/faults: PostgreSQL and Redis
# restarted or emptied under load, worker SIGKILL, a short load run; ≈ 2–3 min). `npm test -- <jest args>` runs only
# what it names; `npm run test:faults` only the faults.
if [ $# -eq 0 ]; then
  bash test/faults/run.sh
fi
