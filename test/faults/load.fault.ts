/**
 * LOAD (the CI-sized run of `npm run bench:load`): LOAD_CLIENTS (100) concurrent clients for LOAD_SECONDS (20 here;
 * the bench defaults to 60) on the realistic mix, against api + worker on the machine's PostgreSQL and Redis with a
 * dedicated database (praksisbro_faults_load_bench, dropped afterwards) and its own queue prefix (cleared afterwards).
 * Asserts zero errors; the figures go to test/faults/results/load.json (bench/results/load.json is the 60 s run's).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { killOnExit } from './support/cleanup.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 100);
const OUT = 'test/faults/results/load.json';

describe('LOAD: 100 concurrent clients on a realistic mix', () => {
  it(`answers every request of ${CLIENTS} clients for ${SECONDS} s without an error, and records p50/p95/p99`, async () => {
    const shared = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro');
    const database = Object.assign(new URL(shared.toString()), { pathname: '/praksisbro_faults_load_bench' }).toString();
    const child = spawn(process.execPath, ['dist/bench/load.js', '--seconds', String(SECONDS), '--clients', String(CLIENTS), '--warmup', '2', '--out', OUT, '--seed', 'faults-load', '--quiet-wait', '0'], {
      env: { ...process.env, NODE_OPTIONS: '', BENCH_LOAD_DATABASE_URL: database, BENCH_REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killOnExit(child);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    process.stderr.write(`${output.trim()}\n`);
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(OUT, 'utf8')) as { overall: { n: number; errors: number; p99Ms: number }; operations: Record<string, { n: number; errors: number }> };
    expect(result.overall.errors).toBe(0);
    expect(result.overall.n).toBeGreaterThan(CLIENTS); // every client got through (throughput is recorded, not judged: the machine may be shared)
    for (const [op, s] of Object.entries(result.operations)) expect({ op, n: s.n > 0, errors: s.errors }).toEqual({ op, n: true, errors: 0 });
  }, (SECONDS + 150) * 1000);
});
