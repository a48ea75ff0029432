#!/usr/bin/env bash
# `npm start`: services, schema, demo data, then api + worker in the foreground (Ctrl-C stops both).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-services.sh
export NODE_ENV="${NODE_ENV:-development}"
export PORT="${PORT:-3000}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/praksisbro}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:1025}"
# Local HS256 secret; production sets its own secret or JWT_JWKS_URL.
export JWT_SECRET="${JWT_SECRET:-local-development-secret-change-me-0123456789}"
npm run build --silent
node dist/scripts/migrate.js --create-database
node dist/scripts/seed.js --if-empty
exec node scripts/launch.mjs
